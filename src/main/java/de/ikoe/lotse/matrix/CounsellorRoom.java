package de.ikoe.lotse.matrix;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Counselling;
import de.ikoe.lotse.conversation.PersonWrote;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.conversation.TranscriptEntry;
import de.ikoe.lotse.conversation.Transcripts;
import de.ikoe.lotse.handoff.HandoffClaimed;
import de.ikoe.lotse.handoff.HandoffClosed;
import de.ikoe.lotse.handoff.HandoffOverdue;
import de.ikoe.lotse.handoff.HandoffReleased;
import de.ikoe.lotse.handoff.HandoffRequested;
import de.ikoe.lotse.handoff.HandoffService;
import de.ikoe.lotse.handoff.Ticket;
import de.ikoe.lotse.handoff.TicketStatus;
import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import de.ikoe.lotse.matrix.client.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>Every post answers an event kept in the event publication registry until the post is made,
 * so a post a crash or an outage prevented is made later. Each post's transaction id is derived
 * from its event, never random: the homeserver recognises a post made again (after a crash between
 * posting and recording it) and shows it once.
 *
 * <p>The room speaks the centre's language; its sentences are the editors' ({@code room.*} in the bot's texts).
 */
class CounsellorRoom {

    private static final Logger log = LoggerFactory.getLogger(CounsellorRoom.class);
    private static final Pattern CLAIM = Pattern.compile("^!claim\\s+#?(\\d+)\\s*$");
    /** Tries in a row, on the posting thread: short rate limits are waited out there, keeping the order. */
    private static final int ATTEMPTS_IN_ORDER = 3;
    private static final Duration LONGEST_WAIT_IN_ORDER = Duration.ofSeconds(5);
    private static final Pattern CLOSE = Pattern.compile("^!close\\s+#?(\\d+)\\s*(.*)$", Pattern.DOTALL);

    private final String roomId;
    private final MatrixClient client;
    private final JsonMapper json;
    private final MatrixStore store;
    private final Counselling counselling;
    private final Transcripts transcripts;
    private final HandoffService handoff;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final BotTexts texts;
    /**
     * Posts leave the publishing thread; one thread keeps them in order. It holds no state a
     * crash could lose: a post not made is still an incomplete event publication.
     */
    private final ExecutorService poster = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "matrix-counsellors-room");
        t.setDaemon(true);
        return t;
    });

    /** An answer of the bot to a member's command, kept as an event so that a crash cannot lose it. */
    record Answer(String commandEventId, String threadRoot, String text) {
    }

    CounsellorRoom(String roomId, MatrixClient client, JsonMapper json, MatrixStore store, Counselling counselling,
                   Transcripts transcripts, HandoffService handoff, TransactionTemplate transactions,
                   ApplicationEventPublisher events, BotTexts texts) {
        this.roomId = roomId;
        this.client = client;
        this.json = json;
        this.store = store;
        this.counselling = counselling;
        this.transcripts = transcripts;
        this.handoff = handoff;
        this.transactions = transactions;
        this.events = events;
        this.texts = texts;
    }

    String roomId() {
        return roomId;
    }

    // --- what the room hears of ---
    // Each listener is registered in the event publication registry; its publication is complete
    // when the returned future is, i.e. when the post was made. What a person wrote is read when
    // the post is made, not kept in the event: if they were forgotten meanwhile, it is not shown.

    @TransactionalEventListener
    CompletableFuture<Void> on(HandoffRequested requested) {
        return post(() -> {
            String summary = handoff.get(requested.ticketId()).map(Ticket::summary)
                    .filter(kept -> !kept.isBlank()).orElseGet(() -> texts.centre().roomForgotten());
            String text = texts.centre().roomNewTicket(requested.ticketId(), requested.channel(), requested.lang(), summary);
            String eventId = client.send(roomId, "m.room.message", "lotse-ticket-" + requested.ticketId() + "-announce",
                    MatrixText.content(json, text, List.of(), true));
            store.thread(requested.ticketId(), roomId, eventId);
        });
    }

    @TransactionalEventListener
    CompletableFuture<Void> on(PersonWrote wrote) {
        return post(() -> written(wrote).ifPresent(text ->
                sendInThread(wrote.ticketId(), "person-" + wrote.seq(), texts.centre().roomPerson(text))));
    }

    /** The message an event names, if the conversation still holds it. */
    private Optional<String> written(PersonWrote wrote) {
        return transcripts.entries(wrote.conversationId(), wrote.seq() - 1).stream()
                .filter(entry -> entry.seq() == wrote.seq())
                .map(TranscriptEntry::text)
                .findFirst();
    }

    @TransactionalEventListener
    CompletableFuture<Void> on(HandoffClaimed claimed) {
        return inThread(claimed.ticketId(), "claimed" + suffix(claimed.at()), texts.centre().roomClaimed(claimed.counsellor()));
    }

    @TransactionalEventListener
    CompletableFuture<Void> on(HandoffClosed closed) {
        return inThread(closed.ticketId(), closed.status().name().toLowerCase(Locale.ROOT),
                closed.status() == TicketStatus.CANCELLED ? texts.centre().roomWithdrawn() : texts.centre().roomClosed());
    }

    @TransactionalEventListener
    CompletableFuture<Void> on(HandoffReleased released) {
        return inThread(released.ticketId(), "released" + suffix(released.at()),
                texts.centre().roomReleased(released.counsellor(), released.ticketId()));
    }

    @TransactionalEventListener
    CompletableFuture<Void> on(HandoffOverdue overdue) {
        return inThread(overdue.ticketId(), "overdue", texts.centre().roomOverdue(overdue.ticketId()));
    }

    @TransactionalEventListener
    CompletableFuture<Void> on(Answer answer) {
        ObjectNode content = MatrixText.content(json, answer.text(), List.of(), true);
        return post(() -> client.send(roomId, "m.room.message", "lotse-reply-" + answer.commandEventId(),
                answer.threadRoot() == null ? content : threaded(content, answer.threadRoot())));
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
        transactions.executeWithoutResult(status -> {
            if (!store.firstTime(event.eventId())) {
                return;
            }
            String answer = act(event.sender(), body.strip(), threadRoot);
            if (answer != null) {
                events.publishEvent(new Answer(event.eventId(), threadRoot, answer));
            }
        });
    }

    /** @return what to answer in the room, or null */
    private String act(String member, String body, String threadRoot) {
        Texts room = texts.centre();
        if (body.equals("!tickets")) {
            List<Ticket> waiting = handoff.list(TicketStatus.WAITING);
            if (waiting.isEmpty()) {
                return room.roomNoneWaiting();
            }
            StringBuilder list = new StringBuilder(room.roomWaiting());
            waiting.forEach(t -> list.append("\n")
                    .append(room.roomWaitingTicket(t.id(), t.channel(), t.lang(), t.waitingSince())));
            return list.toString();
        }
        Matcher claim = CLAIM.matcher(body);
        if (claim.matches()) {
            long ticket = Long.parseLong(claim.group(1));
            if (handoff.get(ticket).isEmpty()) {
                return room.roomUnknownTicket(ticket);
            }
            return counselling.claim(ticket, member, displayName(member)) ? null : room.roomTaken(ticket);
        }
        Matcher close = CLOSE.matcher(body);
        if (close.matches()) {
            long ticket = Long.parseLong(close.group(1));
            try {
                counselling.close(ticket, member, close.group(2).strip());
                return null;
            } catch (Counselling.NotTheHolderException e) {
                return room.roomCloseNotHolder(ticket);
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
                return room.roomClaimFirst(ticket);
            }
        }
        return body.startsWith("!") ? room.roomHelp() : null;
    }

    private static String displayName(String userId) {
        int colon = userId.indexOf(':');
        return userId.substring(1, colon > 0 ? colon : userId.length());
    }

    /** Posts in the ticket's thread; fails (and is tried again later) while the ticket has no thread yet. */
    private CompletableFuture<Void> inThread(long ticketId, String what, String text) {
        return post(() -> sendInThread(ticketId, what, text));
    }

    private void sendInThread(long ticketId, String what, String text) {
        String root = store.threadOf(ticketId).orElseThrow(() -> new IllegalStateException(
                "ticket " + ticketId + " has not been announced in the counsellors' room yet"));
        client.send(roomId, "m.room.message", "lotse-ticket-" + ticketId + "-" + what,
                threaded(MatrixText.content(json, text, List.of(), true), root));
    }

    /** Tells one claim or release of a ticket from the next; events kept before times were added have none. */
    private static String suffix(Instant at) {
        return at == null ? "" : "-" + at.toEpochMilli();
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
     * Posts on the posting thread, in the order the events came. A short rate limit or a moment
     * without the homeserver is waited out there, so that posts keep their order; after that the
     * future fails, the publication stays incomplete and the registry hands it over again later.
     * A post the room refuses as malformed (400) would fail forever and is dropped with a warning.
     */
    private CompletableFuture<Void> post(Runnable work) {
        return CompletableFuture.runAsync(() -> {
            try {
                postInOrder(work);
            } catch (RuntimeException e) {
                log.warn("Posting to the counsellors' room failed ({}); the event registry tries again later",
                        e.getMessage());
                throw e;
            }
        }, poster);
    }

    private static void postInOrder(Runnable work) {
        try {
            new RetryTemplate(new InOrder()).execute(() -> {
                work.run();
                return null;
            });
        } catch (RetryException e) {
            Throwable last = e.getLastException();
            if (last instanceof MatrixException refused && refused.status() == 400) {
                log.warn("The counsellors' room refused a post: {}", refused.getMessage());
                return;
            }
            if (last instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("stopping", last);
        }
    }

    /**
     * Up to {@link #ATTEMPTS_IN_ORDER} tries in a row: a rate limit is waited out as long as the server asks, if
     * that is short, else 500 ms and then twice as long. One policy per post: it remembers what the server asked.
     */
    private static final class InOrder implements RetryPolicy {

        private Duration asked;

        @Override
        public boolean shouldRetry(Throwable failure) {
            asked = null;
            if (failure instanceof MatrixException e) {
                if (e.status() == 400 || e.forbidden() || e.unknownToken()) {
                    return false;
                }
                asked = e.retryAfter();
                return asked == null || asked.compareTo(LONGEST_WAIT_IN_ORDER) <= 0;
            }
            return failure instanceof RestClientException;
        }

        @Override
        public BackOff getBackOff() {
            return () -> new BackOffExecution() {
                private int retries;
                private Duration wait = Duration.ofMillis(500);

                @Override
                public long nextBackOff() {
                    if (++retries >= ATTEMPTS_IN_ORDER) {
                        return STOP;
                    }
                    Duration next = asked != null ? asked : wait;
                    wait = next.multipliedBy(2);
                    return next.toMillis();
                }
            };
        }
    }

    void close() {
        poster.shutdownNow();
    }
}
