package de.ikoe.lotse.conversation.internal;

import java.util.regex.Pattern;

/**
 * Recognises short messages that only make sense with the previous question: "und in Jena?",
 * "für Vereine?", "and online?" refine it; "mehr dazu" asks for more of the last answer.
 */
public final class FollowUp {

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
    private static final Pattern REFINEMENT = Pattern.compile(
            "^(und|and|aber|oder|or|what about|how about|wie ist es mit|wie sieht es (mit|in) .*aus)?\\s*"
                    + "(in|im|in der|für|fuer|for|bei|auch|also|nur|only|online|thüringenweit)\\b.{0,40}$", FLAGS);
    private static final Pattern MORE = Pattern.compile(
            "^(mehr( dazu| davon| infos?| details)?|genauer|ausführlicher|details|erzähl mehr|weiter|"
                    + "more( about (it|this|that))?|tell me more|details please|go on)[.!?]*$", FLAGS);

    private FollowUp() {
    }

    public static boolean isRefinement(String text) {
        String t = text.strip();
        return t.split("\\s+").length <= 6 && REFINEMENT.matcher(t).matches();
    }

    public static boolean isMore(String text) {
        return MORE.matcher(text.strip()).matches();
    }
}
