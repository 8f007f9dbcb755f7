package de.ikoe.lotse.handoff;

import java.time.Instant;

/**
 * A request for a human counsellor.
 *
 * @param summary what the bot knew when the person asked: the case summary counsellors read
 */
public record Ticket(long id, long conversationId, TicketStatus status, String channel, String lang,
                     Instant waitingSince, String claimedBy, Instant claimedAt, String summary, Intake intake,
                     Instant closedAt, String closeNote) {
}
