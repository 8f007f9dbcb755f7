package de.ikoe.lotse.handoff;

/** A person joined the queue: counsellors should hear of it. */
public record HandoffRequested(long ticketId, long conversationId, String channel, String lang, String summary) {
}
