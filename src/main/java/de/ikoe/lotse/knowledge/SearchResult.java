package de.ikoe.lotse.knowledge;

import java.util.List;

/**
 * What the knowledge base holds for a question.
 *
 * @param filters         the filters in effect: what the text named, completed from the query
 * @param guidance        guidance topics, best first, each with its own confidence
 * @param offers          offers matching the filters, best first (at most a handful)
 * @param offersFallback  true when a region was asked for but had no offer of its own, so the
 *                        offers shown are Thuringia-wide or online ones
 * @param events          upcoming events matching the region, soonest first
 * @param words           how many telling words the question has (question words and the
 *                        like not counted): a one-word question is the typical ambiguous one
 * @param unknownWords    how many of them the knowledge base knows in neither language, even
 *                        after spelling correction, nor any intent example of asking uses
 * @param unheardWords    how many of those no out-of-scope example uses either: words nothing
 *                        the bot was given has, of which it can only guess from their letters
 */
public record SearchResult(
        QueryFilters filters,
        List<GuidanceHit> guidance,
        List<KnowledgeDocument> offers,
        boolean offersFallback,
        List<KnowledgeDocument> events,
        int words,
        int unknownWords,
        int unheardWords) {

    public SearchResult {
        guidance = List.copyOf(guidance);
        offers = List.copyOf(offers);
        events = List.copyOf(events);
    }

    /** The confidence of the best guidance topic, 0 when there is none. */
    public double confidence() {
        return guidance.isEmpty() ? 0 : guidance.get(0).confidence();
    }

    /**
     * A guidance topic found for a question.
     *
     * @param confidence in [0,1]: the share of what the question asks for that this document
     *                   covers, weighted by how telling each word is
     * @param score      the raw relevance score, only comparable within one result
     */
    public record GuidanceHit(KnowledgeDocument document, double confidence, double score) {
    }
}
