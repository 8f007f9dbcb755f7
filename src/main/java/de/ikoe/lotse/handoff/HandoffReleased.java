package de.ikoe.lotse.handoff;

/** An admin took a held ticket from its counsellor and put it back in the queue. */
public record HandoffReleased(long ticketId, long conversationId, String counsellor) {
}
