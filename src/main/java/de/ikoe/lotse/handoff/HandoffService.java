package de.ikoe.lotse.handoff;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/** The queue of requests for a human counsellor. Every method joins the caller's transaction. */
public interface HandoffService {

    /** Puts a conversation in the queue; publishes {@link HandoffRequested}. */
    Ticket open(long conversationId, String channel, String lang, String summary, Intake intake);

    /** 1 for the first in the queue; 0 when the ticket no longer waits. */
    int queuePosition(long ticketId);

    /** The waiting tickets in the order of their places: the first has place 1 ({@link #queuePosition}). */
    List<Ticket> queue();

    /** The ticket of a conversation that waits or is held, if any. */
    Optional<Ticket> activeTicketOf(long conversationId);

    Optional<Ticket> get(long ticketId);

    /** Tickets in one status, oldest first. */
    List<Ticket> list(TicketStatus status);

    /**
     * Takes a waiting ticket for a counsellor. Exactly one of any number of concurrent claims
     * wins, also across instances sharing a database.
     *
     * @return true for the one claim that won
     */
    boolean claim(long ticketId, String counsellor);

    /**
     * Puts a held ticket back in the queue (an admin's decision, say when its counsellor is
     * away); publishes {@link HandoffReleased}.
     *
     * @return false when the ticket was not held by {@code holder} any more
     */
    boolean release(long ticketId, String holder);

    /**
     * Gives a held ticket from its counsellor to another; publishes {@link HandoffClaimed} for
     * the new one.
     *
     * @return false when the ticket was not held by {@code holder} any more
     */
    boolean reassign(long ticketId, String holder, String counsellor);

    /** Ends a held ticket with a note; publishes {@link HandoffClosed}. */
    void close(long ticketId, String note);

    /** Withdraws a waiting request; true when there was one. */
    boolean cancel(long conversationId);

    /**
     * Waiting tickets that have waited longer than the configured reminder time and were not
     * reminded yet, now marked reminded; publishes {@link HandoffOverdue} for each.
     */
    List<Ticket> takeOverdue();

    /**
     * How the queue does, over all tickets: how many, how long people waited until a
     * counsellor claimed (median and 90th percentile, in minutes), and the share closed by a
     * counsellor among the tickets that ended.
     */
    record Figures(long tickets, long waiting, double medianWaitMinutes, double p90WaitMinutes, double resolvedShare) {
    }

    Figures figures();

    /** The configured office hours, for display. */
    OfficeHours officeHours();

    /** How long a ticket may wait unclaimed before it is overdue and counsellors are reminded. */
    java.time.Duration reminderAfter();

    /** Days and hours counsellors work (Europe/Berlin). */
    record OfficeHours(java.util.List<java.time.DayOfWeek> days, java.time.LocalTime opens, java.time.LocalTime closes) {
    }

    /** When counsellors are next at work: null while the office is open. */
    ZonedDateTime nextOpening();

    /**
     * Removes what the tickets of a conversation hold about the person (summary, intake, note)
     * and ends them; the figures (times, status) stay for the statistics.
     */
    void erase(long conversationId);
}
