package de.ikoe.lotse.conversation;

/**
 * A conversation was deleted, with everything about the person in it: at their request, by a
 * counsellor or by retention. Modules that keep something of their own about that conversation
 * or address delete it too.
 */
public record PersonForgotten(String channel, String address, long conversationId) {
}
