package de.ikoe.lotse.matrix;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Optional;

/**
 * What the Matrix channel keeps: the sync cursor, the ticket threads, and handled room events.
 * Every write is one statement ({@code MERGE}, standard SQL that H2 and PostgreSQL 15 or later run
 * alike), so a row is never read in one statement and written in the next.
 */
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
        jdbc.update("""
                merge into channel_cursor c
                using (values (cast(? as varchar(20)), cast(? as varchar(500)))) as v (channel, cursor_value)
                on c.channel = v.channel
                when matched then update set cursor_value = v.cursor_value
                when not matched then insert (channel, cursor_value) values (v.channel, v.cursor_value)""",
                CHANNEL, nextBatch);
    }

    /** Forgets where the sync stood: the next sync is an initial one. */
    void forgetCursor() {
        jdbc.update("delete from channel_cursor where channel = ?", CHANNEL);
    }

    /**
     * Keeps the announcement that roots a ticket's thread; the first one kept stays. Runs outside a
     * transaction, on the room's posting thread.
     */
    void thread(long ticketId, String roomId, String rootEventId) {
        try {
            jdbc.update("""
                    merge into matrix_ticket_thread t
                    using (values (cast(? as bigint), cast(? as varchar(200)), cast(? as varchar(200))))
                        as v (ticket_id, room_id, root_event_id)
                    on t.ticket_id = v.ticket_id
                    when not matched then insert (ticket_id, room_id, root_event_id)
                        values (v.ticket_id, v.room_id, v.root_event_id)""",
                    ticketId, roomId, rootEventId);
        } catch (DuplicateKeyException keptMeanwhile) {
            // another instance kept the same ticket's thread between this statement's check and its insert
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
        return jdbc.update("""
                merge into matrix_seen_event s
                using (values (cast(? as varchar(200)))) as v (event_id)
                on s.event_id = v.event_id
                when not matched then insert (event_id) values (v.event_id)""", eventId) == 1;
    }
}
