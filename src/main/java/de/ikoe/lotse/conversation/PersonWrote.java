package de.ikoe.lotse.conversation;

/**
 * A person wrote while a counsellor holds their conversation: whoever shows the case shows it.
 * The event names the message but does not carry its text: events wait in the publication
 * registry until every listener is done, and a person who asks to be forgotten meanwhile must
 * leave nothing behind there. Listeners read the text from {@link Transcripts} when they show it.
 *
 * @param seq the message's place in the conversation's transcript: with the ticket, it names the
 *            message, so that showing it again after a crash can be recognised as the same
 */
public record PersonWrote(long ticketId, long conversationId, int seq) {
}
