package de.ikoe.lotse.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The sentences of a message, its questions first. People who describe a situation put their
 * question last ("… Wie gehen wir dabei am besten vor?"), and a search reads only the first
 * words of a long message ({@link QueryTerms#MAX_WORDS}, {@link QueryTerms#MAX_LETTERS}): read
 * questions first, it searches for what was asked, with as much of the situation as fits.
 */
final class Sentences {

    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+|\\R+");

    private Sentences() {
    }

    static String questionsFirst(String text) {
        if (text.indexOf('?') < 0) {
            return text;
        }
        List<String> questions = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String sentence : BOUNDARY.split(text.strip())) {
            if (!sentence.isBlank()) {
                (sentence.contains("?") ? questions : rest).add(sentence.strip());
            }
        }
        questions.addAll(rest);
        return String.join(" ", questions);
    }
}
