package de.ikoe.lotse.delivery;

import java.util.List;

/** Queues messages to people. Must be called inside the transaction that records the message. */
public interface Outbox {

    /** The channel of e-mail copies: a counsellor's reply to a person who left an address for it. */
    String MAIL = "mail";

    /**
     * Queues one message for delivery after the surrounding transaction commits.
     *
     * @param messageId the transcript entry this delivers; one outbox row per entry
     */
    void enqueue(long conversationId, long messageId, String channel, String address, Reply reply,
                 List<OutboundMessage.Option> options);

    /** Queues a message that is one text. */
    default void enqueue(long conversationId, long messageId, String channel, String address, String text,
                         List<OutboundMessage.Option> options) {
        enqueue(conversationId, messageId, channel, address, Reply.of(text), options);
    }

    /**
     * Queues a copy of a transcript entry to another channel of the person, such as the e-mail
     * address they left ({@link #MAIL}). The copy does not hold up or fail the messages of the
     * conversation's own channel, and its row, with the address, is deleted once it was sent or
     * given up.
     */
    void enqueueCopy(long conversationId, long messageId, String channel, String address, Reply reply);

    /**
     * Queues a last message to a person whose data is being deleted: it refers to no transcript
     * entry, and its row is deleted as soon as it was sent (or could not be).
     */
    void enqueueFinal(long conversationId, String channel, String address, String text);

    /** Deletes every row of a conversation, sent or not (the person asked to be forgotten). */
    void purge(long conversationId);

    /** Whether this instance can send on a channel (e-mail, say, is off unless configured). */
    boolean delivers(String channel);
}
