package de.ikoe.lotse.knowledge;

import java.util.List;

/**
 * The words of the knowledge base: what the centre itself writes about, and so no secret of
 * anyone who asks about it; and its vocabularies of places, target groups and formats, as the
 * editors keep them in {@code vocabulary.yml}.
 */
public interface KnowledgeVocabulary {

    /**
     * Whether the knowledge base uses this word (German or English, after the same analysis as
     * the search: folding, stemming), in any document of the current index.
     */
    boolean knows(String word);

    /** The regions, in the editors' order: cities, districts, then Thuringia-wide and online. */
    List<VocabularyTerm> regions();

    /**
     * The kinds of organisation an offer can be for, in the editors' order; without the value
     * that marks offers for everyone.
     */
    List<VocabularyTerm> targetGroups();

    /** The formats of offers and events, in the editors' order. */
    List<VocabularyTerm> formats();
}
