package de.ikoe.lotse.conversation;

/**
 * A person wrote while a counsellor holds their conversation: whoever shows the case shows it.
 *
 * @param seq the message's place in the conversation's transcript: with the ticket, it names the
 *            message, so that showing it again after a crash can be recognised as the same
 */
public record PersonWrote(long ticketId, long conversationId, int seq, String text) {

    /** Leaves the text out: what people wrote does not belong in a log. */
    @Override
    public String toString() {
        return "PersonWrote[ticketId=" + ticketId + ", conversationId=" + conversationId + ", seq=" + seq + "]";
    }
}
