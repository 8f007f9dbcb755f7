package de.ikoe.lotse.conversation;

import de.ikoe.lotse.knowledge.QueryFilters;

/**
 * A question the bot could not answer, answered only with low confidence, or that ended with
 * a request for a person: a hint at a gap in the offer.
 *
 * @param text         what was asked, as written (the insights reduce it before keeping anything)
 * @param closestTopic the id of the nearest guidance topic, or null
 * @param asker        whose conversation it came from: the insights keep this link only for what
 *                     they have not yet reduced to something that identifies no one, and drop it
 *                     with the conversation ({@link PersonForgotten})
 */
public record QuestionMissed(String text, String lang, QueryFilters filters, String closestTopic, Kind kind,
                             Asker asker) {

    /** Leaves the question out: what people wrote does not belong in a log. */
    @Override
    public String toString() {
        return "QuestionMissed[kind=" + kind + ", lang=" + lang + ", filters=" + filters + ", closestTopic=" + closestTopic + "]";
    }

    /**
     * Why the question counts as missed. {@code OUT_OF_SCOPE}: the bot declined it as outside the
     * centre's remit; the insights count such questions apart, never as a gap or as demand.
     */
    public enum Kind { UNANSWERED, LOW_CONFIDENCE, HANDOFF, OUT_OF_SCOPE }

    /** The conversation and the participant (internal ids, no channel id) a question came from. */
    public record Asker(long conversationId, long participantId) {
    }
}
