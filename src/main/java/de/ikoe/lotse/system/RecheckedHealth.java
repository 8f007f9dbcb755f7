package de.ikoe.lotse.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;

/**
 * A health check that asks a remote service at most every {@link #RECHECK} and answers from the
 * last result in between, so that probes do not add calls to Telegram or a homeserver.
 */
public abstract class RecheckedHealth implements HealthIndicator {

    public static final Duration RECHECK = Duration.ofSeconds(15);

    private volatile Health last;
    private volatile long checkedAt;

    @Override
    public final Health health() {
        Health known = last;
        if (known != null && System.nanoTime() - checkedAt < RECHECK.toNanos()) {
            return known;
        }
        Health now = check();
        last = now;
        checkedAt = System.nanoTime();
        return now;
    }

    /** Asks the remote service now. */
    protected abstract Health check();
}
