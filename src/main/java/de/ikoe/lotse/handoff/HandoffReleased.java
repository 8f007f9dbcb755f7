package de.ikoe.lotse.handoff;

import java.time.Instant;

/**
 * An admin took a held ticket from its counsellor and put it back in the queue.
 *
 * @param at when: the same counsellor's claims on one ticket can be released more than once
 */
public record HandoffReleased(long ticketId, long conversationId, String counsellor, Instant at) {
}
