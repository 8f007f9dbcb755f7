package de.ikoe.lotse.handoff;

/** Where a ticket stands. */
public enum TicketStatus {
    /** In the queue, no counsellor yet. */
    WAITING,
    /** A counsellor holds it and talks to the person. */
    CLAIMED,
    /** Done; the conversation went back to the bot. */
    CLOSED,
    /** The person withdrew the request while waiting. */
    CANCELLED
}
