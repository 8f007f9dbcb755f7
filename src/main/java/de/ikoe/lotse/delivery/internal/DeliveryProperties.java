package de.ikoe.lotse.delivery.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the outbox worker sends.
 *
 * @param poll        pause between looks at the outbox when it is empty
 * @param batch       messages taken per transaction
 * @param backoff     first retry delay; it doubles with each attempt
 * @param maxBackoff  the longest delay between two attempts
 * @param maxAttempts after this many attempts a message is given up
 * @param lease       how long a worker holds the messages it took; when the worker died, they
 *                    are due again after this time. Longer than one send may take.
 */
@ConfigurationProperties("lotse.delivery")
record DeliveryProperties(
        @DefaultValue("100ms") Duration poll,
        @DefaultValue("20") int batch,
        @DefaultValue("2s") Duration backoff,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("15") int maxAttempts,
        @DefaultValue("60s") Duration lease) {
}
