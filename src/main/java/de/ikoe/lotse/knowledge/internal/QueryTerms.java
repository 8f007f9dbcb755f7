package de.ikoe.lotse.knowledge.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A question broken into groups of terms: one group per word of the question, holding the
 * word's analysed form, the parts of a compound and its synonyms. A document covers a group
 * when it contains any of these terms.
 */
final class QueryTerms {

    /*
     * Each searched word costs: a term query per field and language, and for a word the index does
     * not know a spelling look-up whose automaton grows with the word's letters, so the work grows
     * with the letters of the telling (not weak) words. The evaluation sets' heaviest question has 18 words after analysis and 91 letters in
     * its telling words, its longest word 24 letters. Bounded to about that, whatever is sent costs
     * about what the longest real questions cost.
     */

    /** The most words of a question that are searched; the rest is ignored. */
    static final int MAX_WORDS = 24;
    /** Longer "words" are dropped: the longest word of the knowledge base has 39 letters. */
    static final int MAX_WORD_LENGTH = 40;
    /** The most letters of telling (not weak) words searched; words beyond are ignored. */
    static final int MAX_LETTERS = 100;
    /** Parts of one compound word kept: a real compound has a handful. */
    static final int MAX_PARTS = 8;

    /**
     * One word of the question.
     *
     * @param head  the analysed word itself, which spelling correction applies to
     * @param terms the head, its compound parts and synonyms
     * @param weak  a question word, pronoun or the like: it matches but counts little
     * @param typed the length of the word as the person typed it, before stemming
     */
    record Group(String head, Set<String> terms, boolean weak, int typed) {

        Group with(Set<String> more) {
            Set<String> all = new LinkedHashSet<>(terms);
            all.addAll(more);
            return new Group(head, all, weak, typed);
        }

        Group merge(Group next) {
            Set<String> all = new LinkedHashSet<>(terms);
            all.addAll(next.terms);
            return new Group(head, all, weak && next.weak, Math.max(typed, next.typed));
        }
    }

    private QueryTerms() {
    }

    /**
     * The term groups of a question, bounded before any query is built: at most
     * {@link #MAX_WORDS} words, {@link #MAX_LETTERS} letters of telling words, no word longer
     * than {@link #MAX_WORD_LENGTH}, at most {@link #MAX_PARTS} compound parts a word. A
     * pathological question (a "word" of thousands of letters, hundreds of words) so costs about
     * what a long real one costs, and never builds a query larger than Lucene allows.
     */
    static List<Group> of(Analysis analysis, Synonyms synonyms, String lang, String text) {
        List<Group> groups = new ArrayList<>();
        Set<String> heads = new LinkedHashSet<>();
        int currentStart = -1;
        int letters = 0;
        boolean skipping = false;
        for (Analysis.Token token : analysis.tokens(lang, text)) {
            String term = token.term();
            if (term.length() > MAX_WORD_LENGTH) {
                // no word; and as a compound part of a word, no part of it either
                if (token.start() != currentStart) {
                    currentStart = token.start();
                    skipping = true;
                }
                continue;
            }
            if (token.start() == currentStart) {
                // a compound part: same span as the word it came from
                Group last = skipping || groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && last.terms().size() < MAX_PARTS + 1) {
                    groups.set(groups.size() - 1, last.with(Set.of(term)));
                }
                continue;
            }
            currentStart = token.start();
            boolean weak = analysis.isWeak(lang, term);
            // a word asked twice counts once
            skipping = heads.contains(term) || (!weak && letters + term.length() > MAX_LETTERS);
            if (skipping) {
                continue;
            }
            if (groups.size() == MAX_WORDS) {
                break;
            }
            heads.add(term);
            letters += weak ? 0 : term.length();
            Set<String> terms = new LinkedHashSet<>();
            terms.add(term);
            groups.add(new Group(term, terms, weak, token.end() - token.start()));
        }
        return synonyms.expand(lang, groups);
    }
}
