package de.ikoe.lotse.support;

import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/**
 * Waits until the service has nothing left in flight: no message in the outbox still to be sent
 * (or retried), no event between modules whose listener has not finished. What a test counts
 * after this is final; a message sent twice would already be there.
 */
public final class Settled {

    private Settled() {
    }

    public static void await(JdbcTemplate jdbc) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingMessages(jdbc) == 0 && unfinishedEvents(jdbc) == 0);
    }

    /** Waits until the inbound message {@code externalId} of {@code channel} was taken in (and answered, if it is answered). */
    public static void awaitReceived(JdbcTemplate jdbc, String channel, String externalId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from inbound_receipt where channel = ? and external_id = ?", Integer.class,
                channel, externalId) == 1);
        await(jdbc);
    }

    private static int pendingMessages(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from outbox where status = 'PENDING'", Integer.class);
    }

    private static int unfinishedEvents(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from event_publication where completion_date is null", Integer.class);
    }
}
