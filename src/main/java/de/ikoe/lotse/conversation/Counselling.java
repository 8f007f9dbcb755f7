package de.ikoe.lotse.conversation;

import de.ikoe.lotse.handoff.Ticket;

import java.util.List;
import java.util.Optional;

/**
 * What counsellors do with a ticket, wherever they work (console, Matrix room): claim it, talk to
 * the person through the bot on the person's own channel, close it. Each step records in the
 * transcript and queues the message to the person in one transaction.
 */
public interface Counselling {

    /** Claims a waiting ticket; exactly one concurrent claim wins. */
    boolean claim(long ticketId, String counsellor, String displayName);

    /**
     * Sends a counsellor's message to the person.
     *
     * @throws NotTheHolderException when the ticket is not held by this counsellor
     */
    TranscriptEntry reply(long ticketId, String counsellor, String text);

    /**
     * Closes a held ticket with a note; the conversation returns to the bot, which asks for feedback.
     *
     * @throws NotTheHolderException when the ticket is not held by this counsellor
     */
    void close(long ticketId, String counsellor, String note);

    /**
     * Deletes the conversation of a ticket (a counsellor decides the person should not be kept
     * on record); the ticket keeps only its figures. A person the channel can still reach is told,
     * through the outbox, that the conversation was closed. Who may do this is the caller's
     * decision.
     */
    void deleteConversation(long ticketId);

    /**
     * Takes a held ticket from its counsellor and puts it back in the queue; the person is told.
     * Who may do this is the caller's decision.
     *
     * @return false when the ticket is no longer held by {@code holder}
     */
    boolean release(long ticketId, String holder);

    /**
     * Gives a held ticket to another counsellor; the person is told who is with them now.
     *
     * @return false when the ticket is no longer held by {@code holder}
     */
    boolean reassign(long ticketId, String holder, String counsellor, String displayName);

    Optional<Ticket> ticket(long ticketId);

    /** Whether the person left an e-mail address: the counsellor's replies go there too. */
    boolean repliesByMail(long ticketId);

    List<TranscriptEntry> transcript(long ticketId);

    /** The ticket is not held by the counsellor who acts on it. */
    class NotTheHolderException extends RuntimeException {
        public NotTheHolderException(String message) {
            super(message);
        }
    }
}
