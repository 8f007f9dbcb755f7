package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.QueryFilters;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Recognises the place, target group and format a question names, in German or English,
 * spelled with or without umlauts, by the words of the vocabulary file ({@link Vocabulary}).
 * Places are towns and districts of Thuringia mapped to the region ids of the knowledge base.
 */
final class QueryUnderstanding {

    private static final String LETTERS = "[\\p{L}\\p{N}]";
    /** A space or hyphen of a spelling: the text may have either, or nothing ("Ilm-Kreis", "Ilmkreis"). */
    private static final String SEPARATOR = "(?:\\s+|-)?";
    /** A spelling's parts: a *, a run of spaces and hyphens, or letters. */
    private static final Pattern SPELLING_TOKEN = Pattern.compile("\\*|[ -]+|[^* -]+");

    /**
     * Every spelling of a place in one pattern, one group each, the longest first: where names
     * overlap, the longer wins ("Weimarer Land" before "Weimar").
     */
    private final Pattern places;
    /** The region of each group of {@link #places}, by group number less one. */
    private final List<String> placeRegions;
    /** One pattern per target group and format, in the file's order: on a tie, the first wins. */
    private final Map<String, Pattern> targetGroups;
    private final Map<String, Pattern> formats;

    QueryUnderstanding(Vocabulary vocabulary) {
        Map<String, String> regionOf = new LinkedHashMap<>();
        for (Vocabulary.Entry region : vocabulary.regions()) {
            region.words().forEach(w -> regionOf.put(TextFolding.fold(w), region.id()));
        }
        List<String> spellings = regionOf.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        this.places = Pattern.compile("(?<!" + LETTERS + ")(?:"
                + spellings.stream().map(w -> "(" + regex(w) + ")").collect(Collectors.joining("|"))
                + ")(?!" + LETTERS + ")");
        this.placeRegions = spellings.stream().map(regionOf::get).toList();
        this.targetGroups = patterns(vocabulary.targetGroups());
        this.formats = patterns(vocabulary.formats());
    }

    private static Map<String, Pattern> patterns(List<Vocabulary.Entry> entries) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        for (Vocabulary.Entry entry : entries) {
            if (!entry.words().isEmpty()) {
                patterns.put(entry.id(), word(entry.words(), entry.except()));
            }
        }
        return patterns;
    }

    /** A whole word or phrase: one of the spellings, longest first, but none of the exceptions. */
    private static Pattern word(List<String> spellings, List<String> except) {
        String exceptions = except.isEmpty() ? ""
                : "(?!(?:" + alternatives(except) + ")(?!" + LETTERS + "))";
        return Pattern.compile("(?<!" + LETTERS + ")" + exceptions + "(?:" + alternatives(spellings) + ")(?!"
                + LETTERS + ")");
    }

    private static String alternatives(List<String> spellings) {
        return spellings.stream().map(TextFolding::fold)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(QueryUnderstanding::regex)
                .collect(Collectors.joining("|"));
    }

    /** A folded spelling as a regular expression: * for any letters, a space or hyphen for a {@link #SEPARATOR}. */
    private static String regex(String spelling) {
        StringBuilder regex = new StringBuilder();
        Matcher token = SPELLING_TOKEN.matcher(spelling);
        while (token.find()) {
            String t = token.group();
            char first = t.charAt(0);
            regex.append(first == '*' ? LETTERS + "*" : first == ' ' || first == '-' ? SEPARATOR : Pattern.quote(t));
        }
        return regex.toString();
    }

    /** What a text names, and the text without the place names (they do not describe a topic). */
    record Understood(QueryFilters filters, String textWithoutPlaces) {
    }

    Understood understand(String text) {
        TextFolding.Folded folded = TextFolding.foldWithOrigin(text);
        String region = null;
        boolean[] place = new boolean[text.length()];
        Matcher named = places.matcher(folded.text());
        while (named.find()) {
            if (region == null) {
                int group = 1;
                while (named.start(group) < 0) {
                    group++;
                }
                region = placeRegions.get(group - 1); // the place named first
            }
            java.util.Arrays.fill(place, folded.originalStart(named.start()), folded.originalEnd(named.end()), true);
        }
        StringBuilder withoutPlaces = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            withoutPlaces.append(place[i] ? ' ' : text.charAt(i));
        }
        String f = folded.text();
        // "Beratungsstelle" names a kind of organisation, not the format "Beratung".
        boolean[] targetWords = new boolean[f.length()];
        for (Pattern pattern : targetGroups.values()) {
            Matcher m = pattern.matcher(f);
            while (m.find()) {
                java.util.Arrays.fill(targetWords, m.start(), m.end(), true);
            }
        }
        return new Understood(new QueryFilters(region, first(targetGroups, f, new boolean[f.length()]),
                first(formats, f, targetWords)), withoutPlaces.toString());
    }

    /** The vocabulary value named earliest in the text, outside the excluded characters. */
    private static String first(Map<String, Pattern> patterns, String folded, boolean[] excluded) {
        String best = null;
        int bestAt = Integer.MAX_VALUE;
        for (Map.Entry<String, Pattern> e : patterns.entrySet()) {
            Matcher m = e.getValue().matcher(folded);
            while (m.find()) {
                if (!excluded[m.start()]) {
                    if (m.start() < bestAt) {
                        best = e.getKey();
                        bestAt = m.start();
                    }
                    break;
                }
            }
        }
        return best;
    }

}
