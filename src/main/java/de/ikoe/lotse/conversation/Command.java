package de.ikoe.lotse.conversation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The bot's commands, defined once for every channel: Telegram's command menu is built from
 * them, and a message on any channel (Telegram, Matrix, web chat, {@code POST /api/ask}) is a
 * command when it is {@code /name} (with or without arguments or a {@code @bot} suffix), or a
 * name or alias alone ("Berater", "counsellor!"). Everything else is understood by the intent
 * classifier, not by patterns.
 */
public enum Command {

    START("start", "start", "Begrüßung und was ich kann", "Welcome and what I can do"),
    HELP("hilfe", "help", "Hilfe und Befehle", "Help and commands"),
    OFFERS("angebote", "offers", "Angebote in Thüringen finden", "Find offers in Thuringia"),
    COUNSELLOR("berater", "counsellor", "Mit einer Beraterin oder einem Berater sprechen", "Talk to a counsellor",
            "beraterin", "counselor", "beratung", "mensch", "human", "person", "agent"),
    CANCEL("abbrechen", "cancel", "Anfrage an eine Beraterin zurückziehen", "Withdraw a request for a counsellor",
            "stop", "stopp", "zurückziehen", "zurueckziehen"),
    PRIVACY("datenschutz", "privacy", "Was gespeichert wird", "What is stored"),
    DELETE("loeschen", "delete", "Meine Daten löschen", "Delete my data",
            "löschen", "meine daten löschen", "meine daten loeschen", "bitte meine daten löschen", "alles löschen",
            "delete my data");

    private final String german;
    private final String english;
    private final String germanDescription;
    private final String englishDescription;
    private final Pattern pattern;

    Command(String german, String english, String germanDescription, String englishDescription, String... aliases) {
        this.german = german;
        this.english = english;
        this.germanDescription = germanDescription;
        this.englishDescription = englishDescription;
        List<String> names = new java.util.ArrayList<>(List.of(german, english));
        names.addAll(Arrays.asList(aliases));
        String alternatives = String.join("|", names.stream().map(Pattern::quote).toList());
        this.pattern = Pattern.compile("^(/(" + alternatives + ")(@\\S*)?(\\s.*)?|(" + alternatives + ")[.!]*)$",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    /** The command's name in a language ({@code de} or {@code en}), without the slash. */
    public String name(String lang) {
        return "en".equals(lang) ? english : german;
    }

    /** What the command does, for a command menu. */
    public String description(String lang) {
        return "en".equals(lang) ? englishDescription : germanDescription;
    }

    /** The command a message is, if it is one. */
    public static Optional<Command> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.GERMAN);
        return Arrays.stream(values()).filter(c -> c.pattern.matcher(t).matches()).findFirst();
    }
}
