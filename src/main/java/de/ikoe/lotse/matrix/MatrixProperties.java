package de.ikoe.lotse.matrix;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The Matrix channel's settings; off without a homeserver.
 *
 * @param token       the bot account's access token ({@code LOTSE_MATRIX_TOKEN}); or user and password
 * @param prefix      how people address the bot in rooms with several people
 * @param syncTimeout how long one {@code /sync} waits for news
 */
@ConfigurationProperties("lotse.matrix")
record MatrixProperties(URI homeserver, String token, String user, String password,
                        @DefaultValue("IKOE_LOTSE") String deviceId,
                        @DefaultValue Counsellors counsellors, @DefaultValue("!lotse") String prefix,
                        @DefaultValue("30s") Duration syncTimeout) {

    /** @param room the id of the counsellors' room ({@code !abc:example.org}) */
    record Counsellors(String room) {
    }

    boolean hasPassword() {
        return user != null && !user.isBlank() && password != null && !password.isBlank();
    }
}
