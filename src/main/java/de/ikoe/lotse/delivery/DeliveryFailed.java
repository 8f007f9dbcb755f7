package de.ikoe.lotse.delivery;

/** A message could not be delivered and will not be retried: the person blocked us, the room is gone. */
public record DeliveryFailed(long conversationId, String channel, String reason) {
}
