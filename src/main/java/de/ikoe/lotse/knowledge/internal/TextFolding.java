package de.ikoe.lotse.knowledge.internal;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Folds text the way people spell German without a German keyboard: lower case,
 * ä/ae → a, ö/oe → o, ü/ue → u, ß → ss, other accents dropped. Used to recognise places and
 * vocabulary words however they are typed; the Lucene analysis does the same for search.
 */
final class TextFolding {

    /** Folded text, and for each of its characters the index of the original character. */
    record Folded(String text, int[] origin) {

        /** The span of the original text that folded characters {@code [start, end)} came from. */
        int originalStart(int start) {
            return origin[start];
        }

        int originalEnd(int end) {
            return origin[end - 1] + 1;
        }
    }

    private static final Pattern MARKS = Pattern.compile("\\p{M}");
    private static final String[] ASCII = new String[0x80];

    static {
        for (char c = 0; c < ASCII.length; c++) {
            ASCII[c] = String.valueOf(c);
        }
    }

    private TextFolding() {
    }

    static String fold(String text) {
        return foldWithOrigin(text).text();
    }

    static Folded foldWithOrigin(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int[] origin = new int[text.length() * 2 + 1];
        for (int i = 0; i < text.length(); i++) {
            int start = i;
            char c = Character.toLowerCase(text.charAt(i));
            char next = i + 1 < text.length() ? Character.toLowerCase(text.charAt(i + 1)) : 0;
            char previous = i > 0 ? Character.toLowerCase(text.charAt(i - 1)) : 0;
            String folded;
            if (c == 'ß') {
                folded = "ss";
            } else if ((c == 'a' || c == 'o') && next == 'e') {
                folded = String.valueOf(c);
                i++;
            } else if (c == 'u' && next == 'e' && "aeiouq".indexOf(previous) < 0) {
                // "ue" stands for ü except after a vowel or q (neue, Quelle stay as they are)
                folded = "u";
                i++;
            } else if (c < 0x80) {
                folded = ASCII[c]; // nothing to fold, and most of any text
            } else {
                folded = MARKS.matcher(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD)).replaceAll("");
            }
            if (out.length() + folded.length() > origin.length) {
                // a Hangul syllable decomposes into three letters
                origin = java.util.Arrays.copyOf(origin, 2 * (out.length() + folded.length()));
            }
            for (int k = 0; k < folded.length(); k++) {
                origin[out.length()] = start;
                out.append(folded.charAt(k));
            }
        }
        return new Folded(out.toString(), java.util.Arrays.copyOf(origin, out.length()));
    }
}
