package de.ikoe.lotse.matrix;

import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's login: a configured access token (checked with whoami) or a password login. When
 * the server forgets the token, a password lets the bot log in again. A password login names the
 * same device every time: the homeserver keeps one device for the bot instead of one per start,
 * and a post retried after a new login is still recognised by its transaction id, which the
 * server scopes to the device.
 */
class MatrixSession {

    private static final Logger log = LoggerFactory.getLogger(MatrixSession.class);

    private final MatrixProperties properties;
    private volatile String token;
    private volatile String userId;
    private MatrixClient client;

    MatrixSession(MatrixProperties properties) {
        this.properties = properties;
        this.token = properties.token();
    }

    void client(MatrixClient client) {
        this.client = client;
    }

    String token() {
        return token;
    }

    String userId() {
        return userId;
    }

    /** @throws MatrixException when neither the token nor the password is accepted */
    void authenticate() {
        if (token != null && !token.isBlank()) {
            try {
                userId = client.whoami();
                return;
            } catch (MatrixException e) {
                if (!e.unknownToken() || !properties.hasPassword()) {
                    throw e;
                }
                log.warn("The configured Matrix access token was rejected; logging in with the password");
            }
        }
        logIn();
    }

    /** @return true when a new login succeeded */
    boolean renew() {
        if (!properties.hasPassword()) {
            return false;
        }
        logIn();
        return true;
    }

    private synchronized void logIn() {
        if (!properties.hasPassword()) {
            throw new MatrixException(401, "M_UNKNOWN_TOKEN", "no access token or password configured", null);
        }
        MatrixClient.Login login = client.login(properties.user(), properties.password(), properties.deviceId());
        token = login.accessToken();
        userId = login.userId();
    }
}
