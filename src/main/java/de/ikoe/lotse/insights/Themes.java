package de.ikoe.lotse.insights;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Groups questions by their telling words: lower case, without umlauts, punctuation and
 * filler words, the rest sorted. "Gibt es Dolmetscher in Suhl?" and "Dolmetscher Suhl" are one theme.
 */
final class Themes {

    private static final int MAX_WORDS = 3;
    private static final Set<String> FILLER = Set.copyOf(List.of(
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "in",
            "im", "an", "am", "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zum", "zur", "fur", "uber",
            "ist", "sind", "wird", "werden", "gibt", "es", "was", "wer", "wie", "wo", "wann", "warum", "welche",
            "welcher", "ich", "du", "wir", "ihr", "sie", "mir", "mich", "uns", "euch", "unsere", "unser", "kann",
            "konnen", "kannst", "mochte", "mochten", "bitte", "auch", "noch", "nicht", "so", "da", "dann", "man",
            "hat", "haben", "gibts", "etwas", "the", "a", "an", "is", "are", "what", "who", "how", "where", "when",
            "do", "does", "can", "i", "we", "you", "for", "of", "to", "and", "or", "there", "any", "my", "our",
            // words of asking and of contact, which say nothing about the theme
            "gesucht", "suche", "suchen", "erreichbar", "telefon", "mail", "email", "adresse", "nummer", "kontakt",
            "hallo", "danke", "brauche", "brauchen", "benotigen", "wissen", "info", "infos", "frage", "fragen",
            "angebot", "angebote", "eigentlich", "looking", "need", "please", "thanks", "hello", "phone"));

    private Themes() {
    }

    static String of(String text) {
        String folded = Normalizer.normalize(text.replaceAll("\\[[^\\]]*]", " ").toLowerCase(Locale.GERMAN)
                .replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        Set<String> words = Arrays.stream(folded.split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 2 && !FILLER.contains(w))
                .collect(Collectors.toCollection(TreeSet::new));
        // the longest words tell most; then alphabetical, so that word order does not matter
        String theme = words.stream().sorted(Comparator.comparingInt(String::length).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_WORDS).sorted().collect(Collectors.joining(" "));
        return theme.isEmpty() ? "–" : theme;
    }
}
