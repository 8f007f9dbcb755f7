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

    /**
     * Queues a last message to a person whose data is being deleted: it refers to no transcript
     * entry, and its row is deleted as soon as it was sent (or could not be).
     */
    void enqueueFinal(long conversationId, String channel, String address, String text);

    /** Deletes every row of a conversation, sent or not (the person asked to be forgotten). */
    void purge(long conversationId);
}
