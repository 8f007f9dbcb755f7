package de.ikoe.lotse.matrix;

import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import de.ikoe.lotse.system.RecheckedHealth;
import org.springframework.boot.health.contributor.Health;

/**
 * Readiness of the Matrix channel: the homeserver answers and accepts the bot's access token.
 * Asked at most every {@link RecheckedHealth#RECHECK}. An instance that logs in with a password and has not led
 * yet holds no token; it counts as ready and logs in when it needs to.
 */
class MatrixHealth extends RecheckedHealth {

    private final MatrixClient client;
    private final MatrixSession session;

    MatrixHealth(MatrixClient client, MatrixSession session) {
        this.client = client;
        this.session = session;
    }

    @Override
    protected Health check() {
        if (session.token() == null || session.token().isBlank()) {
            return Health.up().withDetail("login", "when this instance leads or sends").build();
        }
        try {
            client.whoami();
            return Health.up().build();
        } catch (MatrixException e) {
            return Health.down().withDetail("reason", "the homeserver refuses the bot (" + e.errcode() + ")").build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("reason", "the homeserver does not answer").build();
        }
    }
}
