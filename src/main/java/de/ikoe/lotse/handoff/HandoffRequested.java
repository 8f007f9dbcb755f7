package de.ikoe.lotse.handoff;

/**
 * A person joined the queue: counsellors should hear of it. The case summary stays with the
 * ticket ({@link HandoffService#get}), not in the event: events wait in the publication registry,
 * and a person's deletion erases the ticket's summary but not a waiting event.
 */
public record HandoffRequested(long ticketId, long conversationId, String channel, String lang) {
}
