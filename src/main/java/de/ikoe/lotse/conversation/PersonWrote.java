package de.ikoe.lotse.conversation;

/** A person wrote while a counsellor holds their conversation: whoever shows the case shows it. */
public record PersonWrote(long ticketId, long conversationId, String text) {
}
