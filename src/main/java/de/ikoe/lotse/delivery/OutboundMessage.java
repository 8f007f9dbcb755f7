package de.ikoe.lotse.delivery;

import java.util.List;

/**
 * A message to a person, as the outbox hands it to a channel.
 *
 * @param idempotencyKey stable across retries, so that a channel that supports it (Matrix
 *                       transaction ids) never shows a resend twice
 * @param attempt        1 for the first try
 * @param partsSent      how many parts of a message a channel splits went out in earlier attempts
 */
public record OutboundMessage(long outboxId, long conversationId, long messageId, String channel, String address,
                              String text, List<Option> options, String idempotencyKey, int attempt, int partsSent) {

    public OutboundMessage {
        options = List.copyOf(options);
    }

    /** A quick reply a channel may offer as a button. */
    public record Option(String label, String value) {
    }
}
