package de.ikoe.lotse.handoff;

/** A counsellor took a ticket. */
public record HandoffClaimed(long ticketId, long conversationId, String counsellor) {
}
