package de.ikoe.lotse.insights;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The telling words of a question, and its theme: lower case, without umlauts, punctuation,
 * numbers and filler words. "Gibt es Dolmetscher in Suhl?" and "Dolmetscher Suhl" are one theme.
 * Words with digits (postcodes, house numbers, dates) never count.
 */
final class Themes {

    /** A theme is this many of its longest words. */
    static final int MAX_WORDS = 3;
    /** The words of one question that are looked at; a question is not an essay. */
    static final int MAX_TELLING = 30;
    /** Longer "words" are not words. */
    static final int MAX_WORD_LENGTH = 40;
    static final String NONE = "–";

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
            "angebot", "angebote", "eigentlich", "looking", "need", "please", "thanks", "hello", "phone", "heisse",
            "name", "meine", "mein", "wohne", "strasse", "unter"));

    private Themes() {
    }

    /** The telling words of a text, folded and sorted; at most {@link #MAX_TELLING}. */
    static SortedSet<String> words(String text) {
        return new TreeSet<>(spellings(text).keySet());
    }

    /**
     * The telling words of a text as keys (folded: "auslanderbehorde"), each with its spelling as
     * first written ("Ausländerbehörde"), which the page shows; at most {@link #MAX_TELLING}.
     */
    static SortedMap<String, String> spellings(String text) {
        SortedMap<String, String> words = new TreeMap<>();
        for (String written : text.replaceAll("\\[[^\\]]*]", " ").split("[^\\p{L}\\p{N}]+")) {
            String key = fold(written);
            if (key.length() > 2 && key.length() <= MAX_WORD_LENGTH && !FILLER.contains(key)
                    && key.chars().allMatch(Character::isLetter) && written.length() <= MAX_WORD_LENGTH) {
                if (!words.containsKey(key) && words.size() >= MAX_TELLING) {
                    break;
                }
                words.putIfAbsent(key, written);
            }
        }
        return words;
    }

    /** Lower case, umlauts and accents off, ß as ss: the key under which spellings meet. */
    static String fold(String word) {
        return Normalizer.normalize(word.toLowerCase(Locale.GERMAN).replace("ß", "ss"), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
    }

    /**
     * A theme as people read it: its folded words in the spelling they were written in, where
     * known ("ausländerbehörde" for "auslanderbehorde"), in the theme's order.
     */
    static String display(String theme, Map<String, String> spellings) {
        if (NONE.equals(theme)) {
            return NONE;
        }
        return Arrays.stream(theme.split(" ")).map(w -> spellings.getOrDefault(w, w)).collect(Collectors.joining(" "));
    }

    /** The theme of a set of words: the longest tell most; then alphabetical, so that order does not matter. */
    static String of(Collection<String> words) {
        String theme = words.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(MAX_WORDS).sorted().collect(Collectors.joining(" "));
        return theme.isEmpty() ? NONE : theme;
    }

    /** The theme of a text, all its telling words counting. */
    static String of(String text) {
        return of(words(text));
    }
}
