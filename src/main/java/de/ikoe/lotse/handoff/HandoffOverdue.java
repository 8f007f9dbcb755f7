package de.ikoe.lotse.handoff;

/** A ticket has waited longer than it should: counsellors are reminded. */
public record HandoffOverdue(long ticketId, long conversationId) {
}
