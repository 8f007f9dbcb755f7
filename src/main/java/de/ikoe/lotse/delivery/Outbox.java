package de.ikoe.lotse.delivery;

import java.util.List;

/** Queues messages to people. Must be called inside the transaction that records the message. */
public interface Outbox {

    /**
     * Queues one message for delivery after the surrounding transaction commits.
     *
     * @param messageId the transcript entry this delivers; one outbox row per entry
     */
    void enqueue(long conversationId, long messageId, String channel, String address, String text,
                 List<OutboundMessage.Option> options);

    /** Drops what is still waiting to be sent to a conversation (the person asked to be forgotten). */
    void discard(long conversationId);
}
