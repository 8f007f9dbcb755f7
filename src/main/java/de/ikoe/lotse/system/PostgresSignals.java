package de.ikoe.lotse.system;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Signals between instances through PostgreSQL's {@code NOTIFY}: a publisher hands its signal to
 * its own subscribers at once and notifies the channel {@value #CHANNEL}; every instance listens on
 * a connection of its own (outside the pool, since a listening session must live on) and passes
 * what the others published to its subscribers. A payload reads {@code origin|topic|payload}, the
 * origin being a random id of the instance, so that it does not hear itself twice. When the
 * listening connection breaks, the instance connects again and tells its subscribers to resync.
 */
class PostgresSignals implements Signals, SmartLifecycle {

    static final String CHANNEL = "lotse_signals";
    static final int MAX_PAYLOAD = 500;

    private static final Logger log = LoggerFactory.getLogger(PostgresSignals.class);
    private static final int POLL_MS = 500;

    private final LocalSignals local = new LocalSignals();
    private final JdbcTemplate jdbc;
    private final String url;
    private final Properties login = new Properties();
    private final String origin = UUID.randomUUID().toString().substring(0, 8);
    private volatile Thread listener;
    private volatile boolean listening;

    PostgresSignals(JdbcTemplate jdbc, String url, String user, String password) {
        this.jdbc = jdbc;
        this.url = url;
        if (user != null) {
            login.setProperty("user", user);
        }
        if (password != null) {
            login.setProperty("password", password);
        }
        login.setProperty("ApplicationName", "lotse-signals");
        login.setProperty("tcpKeepAlive", "true");
    }

    @Override
    public void publish(String topic, String payload) {
        if (payload.length() > MAX_PAYLOAD || topic.contains("|")) {
            throw new IllegalArgumentException("a signal is a short topic and at most " + MAX_PAYLOAD + " characters of ids");
        }
        local.dispatch(topic, payload);
        try {
            jdbc.query("select pg_notify(?, ?)", rs -> null, CHANNEL, origin + "|" + topic + "|" + payload);
        } catch (RuntimeException e) {
            // the other instances miss this one; they resync when their own connection comes back
            log.debug("Notifying the other instances failed: {}", e.getMessage());
        }
    }

    @Override
    public void subscribe(String topic, Consumer<String> handler) {
        local.subscribe(topic, handler);
    }

    /** Whether this instance hears the others now. */
    boolean listening() {
        return listening;
    }

    private void listen() {
        boolean first = true;
        while (listener == Thread.currentThread()) {
            try (Connection connection = DriverManager.getConnection(url, login)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                if (!first) {
                    log.info("Listening to the other instances again");
                    local.resync();
                }
                first = false;
                while (listener == Thread.currentThread()) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MS);
                    if (notifications == null) {
                        // getNotifications only notices a broken connection when it reads; make it read
                        if (!connection.isValid(2)) {
                            throw new SQLException("the listening connection broke");
                        }
                        continue;
                    }
                    for (PGNotification notification : notifications) {
                        receive(notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (listening) {
                    log.warn("Lost the connection that hears the other instances ({}); connecting again", e.getMessage());
                }
                listening = false;
                first = false;
                pause();
            }
        }
        listening = false;
    }

    private void receive(String message) {
        String[] parts = message.split("\\|", 3);
        if (parts.length == 3 && !parts[0].equals(origin)) {
            local.dispatch(parts[1], parts[2]);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::listen, "signals-listener");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    @Override
    public void stop() {
        Thread thread = listener;
        listener = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }
}
