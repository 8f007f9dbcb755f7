package de.ikoe.lotse.system;

import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Takes tokens from the buckets of a {@link RateLimitStore}: one per request, per key. */
@Component
public class RateLimits {

    private final RateLimitStore store;

    RateLimits(RateLimitStore store) {
        this.store = store;
    }

    /**
     * The answer for one request.
     *
     * @param retryAfter how long until a token is back; zero when allowed
     */
    public record Decision(boolean allowed, Duration retryAfter) {

        /** Whole seconds, rounded up, at least 1: what a {@code Retry-After} header says. */
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    /** Takes one token for the key if there is one. */
    public Decision consume(RateLimit limit, String key) {
        ConsumptionProbe probe = store.bucket(limit.name() + "|" + key, limit::configuration).tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()));
    }

    /** Whether the key has no token left, without taking one. */
    public boolean exhausted(RateLimit limit, String key) {
        return store.bucket(limit.name() + "|" + key, limit::configuration).getAvailableTokens() < 1;
    }
}
