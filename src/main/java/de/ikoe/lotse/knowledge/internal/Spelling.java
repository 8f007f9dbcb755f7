package de.ikoe.lotse.knowledge.internal;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typo tolerance at the price of a dictionary look-up: a word of the question that the index
 * does not know at all is corrected to the nearest word it does know (Lucene's
 * {@link DirectSpellChecker} over the index's own terms, so the vocabulary is always that of the
 * current snapshot), and the correction joins the word's group like a synonym. Words the index
 * knows, short words and weak words are left alone; so are words longer than
 * {@link QueryTerms#MAX_WORD_LENGTH}, which never reach this far.
 */
final class Spelling {

    /** Shorter words have too many neighbours to correct safely. */
    static final int MIN_LENGTH = 5;
    /** From this length two typos are corrected; below it, one. */
    static final int TWO_EDITS_FROM = 8;

    private static final DirectSpellChecker CHECKER = new DirectSpellChecker();

    static {
        CHECKER.setMaxEdits(2);
        CHECKER.setMinPrefix(1);
        CHECKER.setMinQueryLength(MIN_LENGTH);
        CHECKER.setMaxQueryLength(QueryTerms.MAX_WORD_LENGTH);
        CHECKER.setAccuracy(0.5f);
    }

    private Spelling() {
    }

    /** The groups with a correction added to each unknown word that has one. */
    static List<QueryTerms.Group> correct(IndexReader reader, String field, List<QueryTerms.Group> groups)
            throws IOException {
        List<QueryTerms.Group> corrected = new ArrayList<>(groups.size());
        for (QueryTerms.Group group : groups) {
            String head = group.head();
            if (group.weak() || head.length() < MIN_LENGTH || head.length() > QueryTerms.MAX_WORD_LENGTH
                    || known(reader, field, group)) {
                corrected.add(group);
                continue;
            }
            SuggestWord[] suggestions = CHECKER.suggestSimilar(new Term(field, head), 1, reader,
                    SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
            int allowed = head.length() >= TWO_EDITS_FROM ? 2 : 1;
            if (suggestions.length > 0 && edits(head, suggestions[0].string) <= allowed) {
                corrected.add(group.with(Set.of(suggestions[0].string)));
            } else {
                corrected.add(group);
            }
        }
        return corrected;
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
