package de.ikoe.lotse.conversation;

import de.ikoe.lotse.knowledge.QueryFilters;

/**
 * A question the bot could not answer, answered only with low confidence, or that ended with
 * a request for a person: a hint at a gap in the offer. It carries nothing about who asked.
 *
 * @param text         what was asked, as written (the insights clean it before keeping it)
 * @param closestTopic the id of the nearest guidance topic, or null
 */
public record QuestionMissed(String text, String lang, QueryFilters filters, String closestTopic, Kind kind) {

    /** Leaves the question out: what people wrote does not belong in a log. */
    @Override
    public String toString() {
        return "QuestionMissed[kind=" + kind + ", lang=" + lang + ", filters=" + filters + ", closestTopic=" + closestTopic + "]";
    }

    /** Why the question counts as missed. */
    public enum Kind { UNANSWERED, LOW_CONFIDENCE, HANDOFF }
}
