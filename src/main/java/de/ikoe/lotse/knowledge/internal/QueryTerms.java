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

    static List<Group> of(Analysis analysis, Synonyms synonyms, String lang, String text) {
        List<Group> groups = new ArrayList<>();
        int currentStart = -1;
        for (Analysis.Token token : analysis.tokens(lang, text)) {
            if (token.start() == currentStart && !groups.isEmpty()) {
                // a compound part: same span as the word it came from
                groups.set(groups.size() - 1, groups.get(groups.size() - 1).with(Set.of(token.term())));
                continue;
            }
            currentStart = token.start();
            Set<String> terms = new LinkedHashSet<>();
            terms.add(token.term());
            groups.add(new Group(token.term(), terms, analysis.isWeak(lang, token.term())));
        }
        return synonyms.expand(lang, dedupe(groups));
    }

    /** A word asked twice counts once. */
    private static List<Group> dedupe(List<Group> groups) {
        List<Group> out = new ArrayList<>();
        Set<String> heads = new LinkedHashSet<>();
        for (Group g : groups) {
            if (heads.add(g.head())) {
                out.add(g);
            }
        }
        return out;
    }
}
