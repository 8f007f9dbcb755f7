package de.ikoe.lotse.knowledge;

import java.util.Optional;

/** Answers questions from the current index of the knowledge base. Thread-safe. */
public interface KnowledgeSearch {

    /** Guidance, offers and upcoming events for a question. Never does index work. */
    SearchResult search(SearchQuery query);

    /** One document by id, in the given language or else in the other one. */
    Optional<KnowledgeDocument> document(String id, String lang);

    /**
     * What a message is for, by the classifier trained from the intent examples of the
     * current knowledge base. Cheap: no search.
     */
    IntentGuess intent(String text);

    /** Only the filters a text names (region, target group, format), without searching. */
    QueryFilters understand(String text);

    /**
     * How many offers serve a region for a target group: offers in the region itself for that
     * group or for everyone. Thuringia-wide and online offers are not counted: they do not show
     * that a place is covered.
     */
    long localOffers(String region, String targetGroup);

    /** Documents, problems and the time of the last load. */
    KnowledgeStatus status();

    /** Rebuilds the index from the folder now (it also does so by itself when a file changes). */
    void reload();
}
