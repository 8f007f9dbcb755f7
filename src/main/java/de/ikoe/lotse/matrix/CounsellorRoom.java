package de.ikoe.lotse.matrix;

import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.PersonWrote;
import de.ikoe.lotse.handoff.HandoffClaimed;
import de.ikoe.lotse.handoff.HandoffClosed;
import de.ikoe.lotse.handoff.HandoffOverdue;
import de.ikoe.lotse.handoff.HandoffRequested;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import de.ikoe.lotse.matrix.client.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counsellors' room: every new ticket is announced there with its summary, and the
 * announcement is the root of the ticket's thread. Members claim with {@code !claim N}, talk to
 * the person by replying in the thread, and close with {@code !close N note}; {@code !tickets}
 * lists the waiting ones. What the person writes appears in the thread. Only members can
 * post in a room, so only members can act.
 */
class CounsellorRoom {

    private static final Logger log = LoggerFactory.getLogger(CounsellorRoom.class);
    private static final Pattern CLAIM = Pattern.compile("^!claim\\s+#?(\\d+)\\s*$");
    private static final int POST_ATTEMPTS = 8;
    private static final Pattern CLOSE = Pattern.compile("^!close\\s+#?(\\d+)\\s*(.*)$", Pattern.DOTALL);

    private final String roomId;
    private final MatrixClient client;
    private final JsonMapper json;
    private final MatrixStore store;
    private final Counselling counselling;
    private final HandoffService handoff;
    private final TransactionTemplate transactions;
    /** Posts leave the request's thread; one thread keeps them in order. */
    private final ExecutorService poster = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "matrix-counsellors-room");
        t.setDaemon(true);
        return t;
    });

    CounsellorRoom(String roomId, MatrixClient client, JsonMapper json, MatrixStore store, Counselling counselling,
                   HandoffService handoff, TransactionTemplate transactions) {
        this.roomId = roomId;
        this.client = client;
        this.json = json;
        this.store = store;
        this.counselling = counselling;
        this.handoff = handoff;
        this.transactions = transactions;
    }

    String roomId() {
        return roomId;
    }

    // --- what the room hears of ---

    @TransactionalEventListener
    void on(HandoffRequested requested) {
        post(() -> {
            String text = "Neues Ticket #" + requested.ticketId() + " (" + requested.channel() + ", "
                    + requested.lang() + ")\n" + requested.summary() + "\n\nÜbernehmen mit: !claim " + requested.ticketId();
            String eventId = client.send(roomId, "m.room.message", "lotse-ticket-" + requested.ticketId() + "-announce",
                    MatrixText.content(json, text, List.of(), true));
            store.thread(requested.ticketId(), roomId, eventId);
        });
    }

    @TransactionalEventListener
    void on(PersonWrote wrote) {
        inThread(wrote.ticketId(), "Person: " + wrote.text());
    }

    @TransactionalEventListener
    void on(HandoffClaimed claimed) {
        inThread(claimed.ticketId(), "Übernommen von " + claimed.counsellor() + ". Antworten Sie in diesem Thread.");
    }

    @TransactionalEventListener
    void on(HandoffClosed closed) {
        inThread(closed.ticketId(), closed.status() == TicketStatus.CANCELLED
                ? "Die Person hat die Anfrage zurückgezogen." : "Geschlossen; die Person ist wieder beim Bot.");
    }

    @TransactionalEventListener
    void on(HandoffOverdue overdue) {
        inThread(overdue.ticketId(), "Erinnerung: Ticket #" + overdue.ticketId() + " wartet noch. !claim "
                + overdue.ticketId());
    }

    // --- what members say ---

    /** Handles a member's message in the room, once per event. */
    void handle(SyncResponse.Event event) {
        String body = event.body();
        if (body == null || "m.notice".equals(event.msgtype())) {
            return;
        }
        JsonNode relation = event.content().path("m.relates_to");
        String threadRoot = "m.thread".equals(relation.path("rel_type").asString(null))
                ? relation.path("event_id").asString(null) : null;
        String reply = transactions.execute(status -> {
            if (!store.firstTime(event.eventId())) {
                return null;
            }
            return act(event.sender(), body.strip(), threadRoot);
        });
        if (reply != null) {
            post(() -> client.send(roomId, "m.room.message", "lotse-reply-" + event.eventId(),
                    threadRoot == null ? MatrixText.content(json, reply, List.of(), true)
                            : threaded(MatrixText.content(json, reply, List.of(), true), threadRoot)));
        }
    }

    /** @return what to answer in the room, or null */
    private String act(String member, String body, String threadRoot) {
        if (body.equals("!tickets")) {
            List<Ticket> waiting = handoff.list(TicketStatus.WAITING);
            if (waiting.isEmpty()) {
                return "Keine wartenden Tickets.";
            }
            StringBuilder list = new StringBuilder("Wartende Tickets:");
            waiting.forEach(t -> list.append("\n#").append(t.id()).append(" (").append(t.channel()).append(", ")
                    .append(t.lang()).append(") seit ").append(t.waitingSince()));
            return list.toString();
        }
        Matcher claim = CLAIM.matcher(body);
        if (claim.matches()) {
            long ticket = Long.parseLong(claim.group(1));
            if (handoff.get(ticket).isEmpty()) {
                return "Ticket #" + ticket + " gibt es nicht.";
            }
            return counselling.claim(ticket, member, displayName(member)) ? null
                    : "Ticket #" + ticket + " ist schon vergeben oder nicht mehr offen.";
        }
        Matcher close = CLOSE.matcher(body);
        if (close.matches()) {
            long ticket = Long.parseLong(close.group(1));
            try {
                counselling.close(ticket, member, close.group(2).strip());
                return null;
            } catch (Counselling.NotTheHolderException e) {
                return "Ticket #" + ticket + " kann nur schließen, wer es übernommen hat.";
            }
        }
        if (threadRoot != null && !body.startsWith("!")) {
            Long ticket = store.ticketOfThread(threadRoot).orElse(null);
            if (ticket == null) {
                return null;
            }
            try {
                counselling.reply(ticket, member, body);
                return null;
            } catch (Counselling.NotTheHolderException e) {
                return "Bitte übernehmen Sie Ticket #" + ticket + " zuerst mit !claim " + ticket + ".";
            }
        }
        return body.startsWith("!") ? "Befehle: !tickets, !claim N, !close N Notiz; antworten Sie der Person im Thread des Tickets." : null;
    }

    private static String displayName(String userId) {
        int colon = userId.indexOf(':');
        return userId.substring(1, colon > 0 ? colon : userId.length());
    }

    private void inThread(long ticketId, String text) {
        String txnId = "lotse-" + UUID.randomUUID();
        post(() -> store.threadOf(ticketId).ifPresent(root -> client.send(roomId, "m.room.message", txnId,
                threaded(MatrixText.content(json, text, List.of(), true), root))));
    }

    private static ObjectNode threaded(ObjectNode content, String root) {
        ObjectNode relation = content.putObject("m.relates_to");
        relation.put("rel_type", "m.thread");
        relation.put("event_id", root);
        relation.put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", root);
        return content;
    }

    /**
     * Posts in order, off the request's thread. Rate limits and an unreachable server are waited
     * out; each post keeps its transaction id across attempts, so a retry never posts twice.
     */
    private void post(Runnable work) {
        poster.execute(() -> {
            Duration wait = Duration.ofMillis(500);
            for (int attempt = 1; attempt <= POST_ATTEMPTS; attempt++) {
                try {
                    work.run();
                    return;
                } catch (MatrixException e) {
                    if (e.forbidden() || e.status() == 400) {
                        log.warn("The counsellors' room refused a post: {}", e.getMessage());
                        return;
                    }
                    if (e.retryAfter() != null) {
                        wait = e.retryAfter();
                    }
                } catch (RuntimeException e) {
                    log.debug("Posting to the counsellors' room failed: {}", e.getMessage());
                }
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                wait = wait.multipliedBy(2);
            }
            log.warn("Posting to the counsellors' room failed {} times; given up", POST_ATTEMPTS);
        });
    }

    void close() {
        poster.shutdownNow();
    }
}
