package de.ikoe.lotse.delivery.spi;

import java.time.Duration;

/** What happened when a channel tried to send a message. */
public sealed interface DeliveryOutcome {

    /** Delivered. */
    record Sent() implements DeliveryOutcome {
    }

    /** Not now: try again, after {@code after} when the server said so, else with backoff. */
    record RetryLater(Duration after, String reason) implements DeliveryOutcome {
    }

    /** Never: the person blocked the bot, the room is gone. */
    record Failed(String reason) implements DeliveryOutcome {
    }

    static DeliveryOutcome sent() {
        return new Sent();
    }

    static DeliveryOutcome retry(String reason) {
        return new RetryLater(null, reason);
    }

    static DeliveryOutcome retryAfter(Duration after, String reason) {
        return new RetryLater(after, reason);
    }

    static DeliveryOutcome failed(String reason) {
        return new Failed(reason);
    }
}
