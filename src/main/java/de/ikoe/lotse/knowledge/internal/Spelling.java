package de.ikoe.lotse.knowledge.internal;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Typo tolerance at the price of a dictionary look-up: a word of the question that the index
 * does not know at all is corrected to the nearest word it does know (Lucene's
 * {@link DirectSpellChecker} over the index's own terms, so the vocabulary is always that of the
 * current snapshot), and the correction joins the word's group like a synonym. Words the index
 * knows, short words and weak words are left alone; so are words longer than
 * {@link QueryTerms#MAX_WORD_LENGTH}, which never reach this far. A look-up builds edit automata and
 * walks the terms with them, the costliest step of a search: each snapshot has its own instance,
 * which remembers what it found for a word.
 */
final class Spelling {

    /** Words remembered with their correction (or none): a snapshot's terms never change. */
    private static final int REMEMBERED = 10_000;

    /** Shorter words have too many neighbours to correct safely. */
    static final int MIN_LENGTH = 5;
    /** A stem shorter than this is too little of a word to correct. */
    static final int MIN_STEM = 3;
    /** From this length two typos are corrected; below it, one. */
    static final int TWO_EDITS_FROM = 8;

    private static final DirectSpellChecker CHECKER = new DirectSpellChecker();

    static {
        CHECKER.setMaxEdits(2);
        CHECKER.setMinPrefix(1);
        CHECKER.setMinQueryLength(MIN_STEM);
        CHECKER.setMaxQueryLength(QueryTerms.MAX_WORD_LENGTH);
        CHECKER.setAccuracy(0.5f);
    }

    /** What a look-up found per field and word; building the edit automata is the costly part of a search. */
    private final Cache<String, Optional<String>> corrections = Caffeine.newBuilder().maximumSize(REMEMBERED).build();

    /**
     * The groups with a correction added to each unknown word that has one.
     *
     * @param reader the reader of the snapshot this belongs to: what is remembered holds for its terms only
     */
    List<QueryTerms.Group> correct(IndexReader reader, String field, List<QueryTerms.Group> groups)
            throws IOException {
        List<QueryTerms.Group> corrected = new ArrayList<>(groups.size());
        for (QueryTerms.Group group : groups) {
            String head = group.head();
            if (group.weak() || !correctable(group) || head.length() > QueryTerms.MAX_WORD_LENGTH
                    || known(reader, field, group)) {
                corrected.add(group);
                continue;
            }
            Optional<String> correction = corrections.get(field + '\u0000' + head, key -> lookUp(reader, field, head));
            corrected.add(correction.map(word -> group.with(Set.of(word))).orElse(group));
        }
        return corrected;
    }

    /**
     * Long enough to correct safely: the word as typed, since stemming can leave little of a
     * misspelt one ("opning" becomes "opn"), as long as the stem keeps {@link #MIN_STEM} letters.
     */
    private static boolean correctable(QueryTerms.Group group) {
        return group.head().length() >= MIN_STEM && Math.max(group.head().length(), group.typed()) >= MIN_LENGTH;
    }

    private static Optional<String> lookUp(IndexReader reader, String field, String head) {
        try {
            SuggestWord[] suggestions = CHECKER.suggestSimilar(new Term(field, head), 1, reader,
                    SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            int allowed = head.length() >= TWO_EDITS_FROM ? 2 : 1;
            return suggestions.length > 0 && edits(head, suggestions[0].string) <= allowed
                    ? Optional.of(suggestions[0].string) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("looking up a spelling in the index in memory failed", e);
        }
    }

    private static boolean known(IndexReader reader, String field, QueryTerms.Group group) throws IOException {
        for (String term : group.terms()) {
            if (reader.docFreq(new Term(field, term)) > 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Edits between two words, a swap of neighbouring letters counting as one, as the spell
     * checker itself counts them ("wiemar" is one edit from "weimar"); both words at most
     * {@link QueryTerms#MAX_WORD_LENGTH} letters.
     */
    static int edits(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
