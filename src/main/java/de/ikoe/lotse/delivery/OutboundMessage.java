package de.ikoe.lotse.delivery;

import java.util.List;

/**
 * A message to a person, as the outbox hands it to a channel.
 *
 * @param text           the message as plain text ({@link Reply#plain()})
 * @param reply          the same message with its structure (cards, links), for channels that show it
 * @param idempotencyKey stable across retries, so that a channel that supports it (Matrix
 *                       transaction ids) never shows a resend twice
 * @param attempt        1 for the first try
 * @param partsSent      how many parts of a message a channel splits went out in earlier attempts
 */
public record OutboundMessage(long outboxId, long conversationId, long messageId, String channel, String address,
                              String text, Reply reply, List<Option> options, String idempotencyKey, int attempt,
                              int partsSent) {

    public OutboundMessage {
        options = List.copyOf(options);
    }

    /** A quick reply a channel may offer as a button. */
    public record Option(String label, String value) {
    }
}
