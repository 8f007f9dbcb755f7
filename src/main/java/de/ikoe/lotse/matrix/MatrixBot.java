package de.ikoe.lotse.matrix;

import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.ConversationService;
import de.ikoe.lotse.conversation.InboundMessage;
import de.ikoe.lotse.matrix.client.MatrixClient;
import de.ikoe.lotse.matrix.client.MatrixException;
import de.ikoe.lotse.matrix.client.SyncFilter;
import de.ikoe.lotse.matrix.client.SyncResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import de.ikoe.lotse.system.SingletonWork;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;

/**
 * The sync loop: accepts invites, reads what people write and hands it to the conversation
 * module, and passes the counsellors' room to {@link CounsellorRoom}. {@code next_batch} is
 * stored after the batch it ends was handled, so a restart resumes there; events handled twice
 * are recognised by their {@code event_id}. A stored position the homeserver refuses (400, as after its
 * database was restored) is dropped: the bot syncs afresh and answers only what was written since its last
 * sync, less {@link #CLOCK_SKEW}.
 *
 * <p>The bot never answers its own events, {@code m.notice}s (bots talking to bots would never
 * stop) or what was said in a room before it joined. In a room of the bot and one person it
 * answers every message; in larger rooms only when mentioned or addressed with the prefix.
 *
 * <p>The loop runs on the leading instance only ({@link SingletonWork}): it starts when the
 * instance becomes the leader and stops when it no longer is; the counsellors' room, which posts
 * what any instance publishes, stays open until the service stops.
 */
class MatrixBot implements SmartLifecycle, SingletonWork {

    private static final Logger log = LoggerFactory.getLogger(MatrixBot.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    /** How long a stop waits for the interrupted loop to end. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);
    /** The longest {@code next_batch} the store keeps (its column). */
    private static final int MAX_CURSOR = 500;
    /** The longest room or event id the store keeps; the specification allows 255 bytes, real servers use far fewer. */
    private static final int MAX_ID = 200;
    private static final int NOT_A_MEMBER = -1;
    /**
     * How far the homeserver's clock may be behind ours. Starting over, the bot reads events from that much before
     * its last sync again; those it handled then are recognised by their event id.
     */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private final MatrixProperties properties;
    private final MatrixClient client;
    private final MatrixSession session;
    private final MatrixStore store;
    private final MatrixGateway gateway;
    private final ConversationService conversations;
    private final CounsellorRoom counsellors;
    private final Map<String, Integer> members = new ConcurrentHashMap<>();
    /** Runs the sync loop; stopping the service interrupts it and waits for it to end. */
    private final SimpleAsyncTaskExecutor loops = new SimpleAsyncTaskExecutor("matrix-sync-");
    /** The loop that should run, compared by identity: one that is no longer it ends. */
    private volatile Object current;
    private Future<?> running;
    private volatile boolean closed;

    MatrixBot(MatrixProperties properties, MatrixClient client, MatrixSession session, MatrixStore store,
              MatrixGateway gateway, ConversationService conversations, CounsellorRoom counsellors) {
        this.properties = properties;
        this.client = client;
        this.session = session;
        this.store = store;
        this.gateway = gateway;
        this.conversations = conversations;
        this.counsellors = counsellors;
        loops.setDaemon(true);
        loops.setCancelRemainingTasksOnClose(true);
        loops.setTaskTerminationTimeout(STOP_WAIT.toMillis());
    }

    @Override
    public synchronized void begin() {
        if (running != null || closed) {
            return;
        }
        Object run = new Object();
        current = run;
        running = loops.submit(() -> run(run));
    }

    @Override
    public synchronized void end() {
        Future<?> loop = running;
        current = null;
        running = null;
        if (loop != null) {
            loop.cancel(true); // interrupts a long poll as well as a pause
        }
    }

    /** Started by {@link #begin()} when this instance leads, not with the context. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        begin();
    }

    private void run(Object run) {
        Duration backoff = Duration.ofSeconds(1);
        String filter = null;
        boolean authenticated = false;
        // Until a sync succeeds, the start stands for the last one: after a restart on a refused position, what
        // was written longer than CLOCK_SKEW before the start is taken as seen, even if the service was down then.
        Instant seenUpTo = Instant.now();
        Instant startingOverFrom = null;
        while (!Thread.currentThread().isInterrupted() && current == run) {
            try {
                if (!authenticated) {
                    session.authenticate();
                    authenticated = true;
                    filter = client.createFilter(session.userId(), filter());
                    log.info("Matrix bot {} is up on {}", session.userId(), properties.homeserver());
                }
                String since = store.cursor().orElse(null);
                Instant asked = Instant.now();
                SyncResponse sync;
                try {
                    sync = client.sync(since, filter, since == null ? Duration.ZERO : properties.syncTimeout());
                } catch (MatrixException e) {
                    if (since == null || !e.badRequest()) {
                        throw e;
                    }
                    // A position the server no longer knows (restored database, a token mangled on its way)
                    // would be refused forever: start over, answering only what may not have been seen yet.
                    startingOverFrom = seenUpTo.minus(CLOCK_SKEW);
                    log.warn("The Matrix homeserver refuses the stored sync position ({} {}); syncing afresh and "
                            + "answering what was written since {}", e.status(), e.errcode(), startingOverFrom);
                    store.forgetCursor();
                    continue;
                }
                handle(sync, since != null ? Instant.MIN : startingOverFrom != null ? startingOverFrom : Instant.MAX);
                if (sync.nextBatch() == null || sync.nextBatch().isBlank() || sync.nextBatch().length() > MAX_CURSOR) {
                    log.warn("The homeserver's next_batch is missing or longer than {} characters; syncing again from "
                            + "the last one", MAX_CURSOR);
                } else {
                    store.cursor(sync.nextBatch());
                    startingOverFrom = null;
                }
                seenUpTo = asked;
                backoff = Duration.ofSeconds(1);
            } catch (MatrixException e) {
                if (e.unknownToken() && !authenticated || e.unknownToken() && !properties.hasPassword()) {
                    log.error("The Matrix homeserver rejects the bot's access token ({}); the Matrix channel stays off. "
                            + "Set a valid lotse.matrix.token, or lotse.matrix.user and lotse.matrix.password.", e.errcode());
                    return;
                }
                if (e.unknownToken()) {
                    authenticated = false;
                    continue;
                }
                Duration wait = e.rateLimited() && e.retryAfter() != null ? e.retryAfter() : backoff;
                log.warn("Matrix sync failed ({}); trying again in {}", e.getMessage(), wait);
                backoff = pause(wait, backoff);
            } catch (RestClientException | IllegalStateException e) {
                if (current != run) {
                    return; // stopping
                }
                log.warn("Matrix homeserver not reachable ({}); trying again in {}", e.getMessage(), backoff);
                backoff = pause(backoff, backoff);
            } catch (RuntimeException e) {
                log.error("Handling Matrix events failed; the batch is read again", e);
                backoff = pause(backoff, backoff);
            }
        }
    }

    private Duration pause(Duration wait, Duration backoff) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    /** Room messages and memberships only: what the bot acts on. */
    private static SyncFilter filter() {
        SyncFilter.EventFilter none = SyncFilter.EventFilter.none();
        return new SyncFilter(none, none, new SyncFilter.RoomFilter(
                new SyncFilter.EventFilter(List.of("m.room.message", "m.room.member", "m.room.encrypted",
                        "m.room.encryption"), 50, null),
                new SyncFilter.EventFilter(List.of("m.room.member", "m.room.encryption"), null, true),
                none, none));
    }

    /**
     * @param newFrom events the server stamped before this are not answered: {@link Instant#MIN} for a sync that
     *                continues from a position, {@link Instant#MAX} for the very first sync (all of it is history)
     */
    void handle(SyncResponse sync, Instant newFrom) {
        for (String invited : sync.invites()) {
            try {
                client.join(invited);
                log.info("Joined Matrix room {} on invitation", invited);
            } catch (MatrixException e) {
                log.warn("Could not join Matrix room {}: {}", invited, e.getMessage());
            }
        }
        sync.joined().forEach((roomId, room) -> {
            if (roomId.length() > MAX_ID) {
                log.warn("Ignoring a Matrix room whose id is longer than {} characters", MAX_ID);
                return;
            }
            if (room.joinedMembers() != null) {
                members.put(roomId, room.joinedMembers());
            }
            if (!newFrom.equals(Instant.MAX)) {
                room(roomId, room.events(), newFrom);
            }
        });
    }

    private void room(String roomId, List<SyncResponse.Event> timeline, Instant newFrom) {
        // What was said before the bot joined is history, not a question to it.
        int from = 0;
        for (int i = 0; i < timeline.size(); i++) {
            SyncResponse.Event e = timeline.get(i);
            if ("m.room.member".equals(e.type()) && session.userId().equals(e.stateKey())
                    && "join".equals(e.text("membership"))) {
                from = i + 1;
            }
        }
        for (SyncResponse.Event event : timeline.subList(from, timeline.size())) {
            if (session.userId().equals(event.sender()) || event.eventId().isBlank() || event.eventId().length() > MAX_ID
                    || !newFrom.equals(Instant.MIN) && Instant.ofEpochMilli(event.originServerTs()).isBefore(newFrom)) {
                continue;
            }
            if (counsellors != null && roomId.equals(counsellors.roomId())) {
                if ("m.room.message".equals(event.type())) {
                    counsellors.handle(event);
                }
            } else if (memberCount(roomId) == NOT_A_MEMBER) {
                // An answer could not be posted, and its failure would hold up what the person is told elsewhere.
                log.warn("Ignoring an event of a Matrix room the homeserver says the bot is not in");
                return;
            } else if ("m.room.encrypted".equals(event.type())) {
                conversations.handle(new InboundMessage(MatrixGateway.CHANNEL, "encrypted:" + roomId,
                        participant(roomId, event), roomId, null, InboundMessage.UNREADABLE, null));
            } else if ("m.room.message".equals(event.type()) && !"m.notice".equals(event.msgtype())) {
                message(roomId, event);
            }
        }
    }

    private void message(String roomId, SyncResponse.Event event) {
        String body = event.body();
        boolean direct = memberCount(roomId) <= 2;
        if (!direct) {
            if (body == null || !addressed(event, body)) {
                return;
            }
            body = withoutAddress(body);
            gateway.question(roomId, event.eventId());
        }
        String text = "m.text".equals(event.msgtype()) || "m.emote".equals(event.msgtype()) ? body : null;
        conversations.handle(new InboundMessage(MatrixGateway.CHANNEL, event.eventId(), participant(roomId, event),
                roomId, text, null, null));
    }

    private String participant(String roomId, SyncResponse.Event event) {
        return memberCount(roomId) <= 2 ? "user:" + event.sender() : "room:" + roomId;
    }

    /** @return the room's member count, or {@link #NOT_A_MEMBER} (not kept: the bot may join later) */
    private int memberCount(String roomId) {
        Integer count = members.computeIfAbsent(roomId, id -> {
            try {
                return client.joinedMembers(id).size();
            } catch (MatrixException e) {
                return e.forbidden() ? null : 2;
            }
        });
        return count == null ? NOT_A_MEMBER : count;
    }

    private boolean addressed(SyncResponse.Event event, String body) {
        for (JsonNode mentioned : event.content().path("m.mentions").path("user_ids")) {
            if (session.userId().equals(mentioned.asString())) {
                return true;
            }
        }
        String lower = body.toLowerCase(Locale.ROOT);
        return lower.startsWith(properties.prefix().toLowerCase(Locale.ROOT))
                || lower.contains(session.userId().toLowerCase(Locale.ROOT))
                || lower.contains(localpart().toLowerCase(Locale.ROOT) + ":");
    }

    private String withoutAddress(String body) {
        String stripped = body;
        if (stripped.toLowerCase(Locale.ROOT).startsWith(properties.prefix().toLowerCase(Locale.ROOT))) {
            stripped = stripped.substring(properties.prefix().length());
        }
        stripped = stripped.replace(session.userId(), "").replaceFirst("(?i)^\\s*" + java.util.regex.Pattern.quote(localpart())
                + "\\s*:", "").strip();
        // addressed without words: as if the person had just started
        return stripped.isEmpty() ? "/" + Command.START.name("de") : stripped;
    }

    private String localpart() {
        String id = session.userId();
        int colon = id.indexOf(':');
        return id.substring(1, colon > 0 ? colon : id.length());
    }

    /** The service stops: the loop ends, and so does the counsellors' room. */
    @Override
    public void stop() {
        synchronized (this) {
            closed = true;
            end();
        }
        loops.close();
        if (counsellors != null) {
            counsellors.close();
        }
    }

    /** Until the service stops: the counsellors' room must be closed then, whether this instance leads or not. */
    @Override
    public boolean isRunning() {
        return !closed;
    }
}
