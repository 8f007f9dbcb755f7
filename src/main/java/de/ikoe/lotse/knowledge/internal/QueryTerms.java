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

    /**
     * The most words of a question that are searched; the rest is ignored. The longest question
     * of the evaluation sets has 32 words with its stop words, far fewer without.
     */
    static final int MAX_WORDS = 32;
    /**
     * A word is searched with at most this many characters: the longest word of the knowledge
     * base has 39. Typo tolerance on a longer term costs time in proportion to its length.
     */
    static final int MAX_WORD_LENGTH = 40;
    /** Parts of one compound word kept: a real compound has a handful. */
    static final int MAX_PARTS = 8;

    /**
     * One word of the question.
     *
     * @param head  the analysed word itself, which typo tolerance applies to
     * @param terms the head, its compound parts and synonyms
     * @param weak  a question word, pronoun or the like: it matches but counts little
     */
    record Group(String head, Set<String> terms, boolean weak) {

        Group with(Set<String> more) {
            Set<String> all = new LinkedHashSet<>(terms);
            all.addAll(more);
            return new Group(head, all, weak);
        }

        Group merge(Group next) {
            Set<String> all = new LinkedHashSet<>(terms);
            all.addAll(next.terms);
            return new Group(head, all, weak && next.weak);
        }
    }

    private QueryTerms() {
    }

    /**
     * The term groups of a question, bounded: at most {@link #MAX_WORDS} words of at most
     * {@link #MAX_WORD_LENGTH} characters with {@link #MAX_PARTS} compound parts each, so that a
     * pathological question (one "word" of thousands of letters, hundreds of words) costs about
     * what a normal one costs, and never builds a query larger than Lucene allows.
     */
    static List<Group> of(Analysis analysis, Synonyms synonyms, String lang, String text) {
        List<Group> groups = new ArrayList<>();
        Set<String> heads = new LinkedHashSet<>();
        int currentStart = -1;
        boolean skipping = false;
        for (Analysis.Token token : analysis.tokens(lang, text)) {
            String term = bounded(token.term());
            if (token.start() == currentStart) {
                // a compound part: same span as the word it came from
                Group last = skipping || groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && last.terms().size() < MAX_PARTS + 1) {
                    groups.set(groups.size() - 1, last.with(Set.of(term)));
                }
                continue;
            }
            currentStart = token.start();
            // a word asked twice counts once
            skipping = !heads.add(term);
            if (skipping) {
                continue;
            }
            if (groups.size() == MAX_WORDS) {
                break;
            }
            Set<String> terms = new LinkedHashSet<>();
            terms.add(term);
            groups.add(new Group(term, terms, analysis.isWeak(lang, term)));
        }
        return synonyms.expand(lang, groups);
    }

    private static String bounded(String term) {
        return term.length() <= MAX_WORD_LENGTH ? term : term.substring(0, MAX_WORD_LENGTH);
    }
}
