package de.ikoe.lotse.matrix;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/** What the Matrix channel keeps: the sync cursor, the ticket threads, and handled room events. */
class MatrixStore {

    private static final String CHANNEL = "matrix";

    private final JdbcTemplate jdbc;

    MatrixStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> cursor() {
        return jdbc.queryForList("select cursor_value from channel_cursor where channel = ?", String.class, CHANNEL)
                .stream().findFirst();
    }

    void cursor(String nextBatch) {
        if (jdbc.update("update channel_cursor set cursor_value = ? where channel = ?", nextBatch, CHANNEL) == 0) {
            jdbc.update("insert into channel_cursor (channel, cursor_value) values (?, ?)", CHANNEL, nextBatch);
        }
    }

    /** Forgets where the sync stood: the next sync is an initial one. */
    void forgetCursor() {
        jdbc.update("delete from channel_cursor where channel = ?", CHANNEL);
    }

    void thread(long ticketId, String roomId, String rootEventId) {
        if (threadOf(ticketId).isEmpty()) {
            jdbc.update("insert into matrix_ticket_thread (ticket_id, room_id, root_event_id) values (?, ?, ?)",
                    ticketId, roomId, rootEventId);
        }
    }

    Optional<String> threadOf(long ticketId) {
        return jdbc.queryForList("select root_event_id from matrix_ticket_thread where ticket_id = ?", String.class,
                ticketId).stream().findFirst();
    }

    Optional<Long> ticketOfThread(String rootEventId) {
        List<Long> ids = jdbc.queryForList("select ticket_id from matrix_ticket_thread where root_event_id = ?",
                Long.class, rootEventId);
        return ids.stream().findFirst();
    }

    /**
     * Marks a room event handled. Runs in the transaction of its handling, so that a crash
     * leaves it unmarked and undone; only the one sync loop of the channel calls it.
     *
     * @return false when the event was handled before
     */
    boolean firstTime(String eventId) {
        Integer seen = jdbc.queryForObject("select count(*) from matrix_seen_event where event_id = ?", Integer.class,
                eventId);
        if (seen != null && seen > 0) {
            return false;
        }
        jdbc.update("insert into matrix_seen_event (event_id) values (?)", eventId);
        return true;
    }
}
