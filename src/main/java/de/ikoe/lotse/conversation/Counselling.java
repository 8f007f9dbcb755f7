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
     * on record); the ticket keeps only its figures.
     */
    void deleteConversation(long ticketId);

    Optional<Ticket> ticket(long ticketId);

    List<TranscriptEntry> transcript(long ticketId);

    /** The ticket is not held by the counsellor who acts on it. */
    class NotTheHolderException extends RuntimeException {
        public NotTheHolderException(String message) {
            super(message);
        }
    }
}
