package de.ikoe.lotse.handoff;

import java.time.Instant;

/**
 * A counsellor took a ticket.
 *
 * @param at when: a ticket released by an admin can be claimed again, and each claim is news
 */
public record HandoffClaimed(long ticketId, long conversationId, String counsellor, Instant at) {
}
