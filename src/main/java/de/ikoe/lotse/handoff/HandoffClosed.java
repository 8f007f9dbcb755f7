package de.ikoe.lotse.handoff;

/** A ticket ended: closed by a counsellor or cancelled by the person. */
public record HandoffClosed(long ticketId, long conversationId, TicketStatus status) {
}
