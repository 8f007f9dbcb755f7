package de.ikoe.lotse.matrix;

import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;

/**
 * Readiness of the Matrix channel: the homeserver answers and accepts the bot's access token.
 * Asked at most every {@link #RECHECK}. An instance that logs in with a password and has not led
 * yet holds no token; it counts as ready and logs in when it needs to.
 */
class MatrixHealth implements HealthIndicator {

    static final Duration RECHECK = Duration.ofSeconds(15);

    private final MatrixClient client;
    private final MatrixSession session;
    private volatile Health last;
    private volatile long checkedAt;

    MatrixHealth(MatrixClient client, MatrixSession session) {
        this.client = client;
        this.session = session;
    }

    @Override
    public Health health() {
        Health known = last;
        if (known != null && System.nanoTime() - checkedAt < RECHECK.toNanos()) {
            return known;
        }
        Health now;
        if (session.token() == null || session.token().isBlank()) {
            now = Health.up().withDetail("login", "when this instance leads or sends").build();
        } else {
            try {
                client.whoami();
                now = Health.up().build();
            } catch (MatrixException e) {
                now = Health.down().withDetail("reason", "the homeserver refuses the bot (" + e.errcode() + ")").build();
            } catch (RuntimeException e) {
                now = Health.down().withDetail("reason", "the homeserver does not answer").build();
            }
        }
        last = now;
        checkedAt = System.nanoTime();
        return now;
    }
}
