package de.ikoe.lotse.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How events whose listener failed are handed to it again while the service runs.
 *
 * @param retryEvery how often the failed ones are looked for
 * @param retryAfter how old a failed one must be before it is handed over again
 */
@ConfigurationProperties("lotse.events")
record EventsProperties(@DefaultValue("10s") Duration retryEvery, @DefaultValue("5s") Duration retryAfter) {
}
