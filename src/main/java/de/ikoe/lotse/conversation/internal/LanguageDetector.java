package de.ikoe.lotse.conversation.internal;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells German from English by the function words a message uses. Short or mixed messages
 * ("Hallo", "IKÖ Jena") keep the language the person is known to use.
 */
public final class LanguageDetector {

    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    private static final Set<String> GERMAN = Set.of("der", "die", "das", "und", "ist", "sind", "wie", "was",
            "wer", "wo", "wann", "warum", "wieso", "welche", "welcher", "ich", "wir", "sie", "ihr", "du", "gibt",
            "es", "ein", "eine", "einen", "einem", "einer", "für", "fuer", "mit", "nicht", "bitte", "danke",
            "hallo", "kann", "können", "koennen", "kannst", "unsere", "unser", "mein", "meine", "möchte",
            "moechte", "mich", "mir", "uns", "zu", "zum", "zur", "im", "dem", "den", "des", "von", "bei", "auch",
            "oder", "aber", "sich", "bedeutet", "heißt", "guten", "tag", "morgen", "moin", "servus", "seid",
            "bist", "habe", "haben", "wird", "werden", "hilfe", "nächste", "gibt's", "über", "ueber", "eigentlich",
            "viele", "suche", "wenn", "dass", "noch", "schon", "sehr", "gut", "einfach", "sprechen", "reden");
    private static final Set<String> ENGLISH = Set.of("the", "is", "are", "what", "what's", "who", "how",
            "where", "when", "why", "which", "you", "your", "i", "we", "our", "my", "me", "do", "does", "can",
            "could", "would", "should", "please", "thanks", "thank", "hello", "hi", "there", "about", "of",
            "for", "with", "and", "to", "a", "this", "that", "it", "have", "has", "any", "data", "store", "help",
            "talk", "speak", "human", "want", "need", "us", "they", "there's", "an", "offer", "offers",
            "training", "near", "next", "upcoming", "bot", "person", "someone", "good", "morning", "evening");

    private LanguageDetector() {
    }

    /**
     * The language of a text: {@code de} or {@code en}.
     *
     * @param fallback the language to keep when the text does not tell (null means German)
     */
    public static String detect(String text, String fallback) {
        String lower = text.toLowerCase(Locale.ROOT);
        int german = lower.chars().anyMatch(c -> "äöüß".indexOf(c) >= 0) ? 2 : 0;
        int english = 0;
        var words = WORD.matcher(lower);
        while (words.find()) {
            String word = words.group();
            if (GERMAN.contains(word)) {
                german++;
            }
            if (ENGLISH.contains(word)) {
                english++;
            }
        }
        if (german != english) {
            return german > english ? "de" : "en";
        }
        return "en".equals(fallback) ? "en" : "de";
    }
}
