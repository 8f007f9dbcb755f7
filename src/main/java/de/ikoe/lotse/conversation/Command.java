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
 * classifier, not by patterns. What a command does, for a command menu, is a text
 * ({@link Texts#commandDescription}).
 */
public enum Command {

    START("start", "start"),
    HELP("hilfe", "help"),
    OFFERS("angebote", "offers"),
    COUNSELLOR("berater", "counsellor", "beraterin", "counselor", "beratung", "mensch", "human", "person", "agent"),
    CANCEL("abbrechen", "cancel", "stop", "stopp", "zurückziehen", "zurueckziehen"),
    PRIVACY("datenschutz", "privacy"),
    DELETE("loeschen", "delete", "löschen", "meine daten löschen", "meine daten loeschen", "bitte meine daten löschen",
            "alles löschen", "delete my data");

    private final String german;
    private final String english;
    private final Pattern pattern;

    Command(String german, String english, String... aliases) {
        this.german = german;
        this.english = english;
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

    /** The command a message is, if it is one. */
    public static Optional<Command> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.GERMAN);
        return Arrays.stream(values()).filter(c -> c.pattern.matcher(t).matches()).findFirst();
    }
}
