package de.ikoe.lotse.conversation;

/**
 * Everything about a person on a channel was deleted at their request or by retention;
 * modules that keep something of their own about that address delete it too.
 */
public record PersonForgotten(String channel, String address) {
}
