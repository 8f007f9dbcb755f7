package de.ikoe.lotse.knowledge;

/**
 * The words of the knowledge base: what the centre itself writes about, and so no secret of
 * anyone who asks about it.
 */
public interface KnowledgeVocabulary {

    /**
     * Whether the knowledge base uses this word (German or English, after the same analysis as
     * the search: folding, stemming), in any document of the current index.
     */
    boolean knows(String word);
}
