package de.ikoe.lotse.matrix;

import com.sun.net.httpserver.HttpExchange;
import de.ikoe.lotse.support.Faults;
import de.ikoe.lotse.support.LoopbackServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A fake Matrix homeserver (Client-Server API, {@code /_matrix/client/v3}) on 127.0.0.1 for tests, so that the bot's
 * own Matrix client talks real HTTP and JSON to it. Server name is always {@code example.org}; only the bot user can
 * log in, every other user exists only as scripted by the test.
 *
 * <p>What it fakes, following the Client-Server API spec:
 * <ul>
 *   <li>{@code GET/POST /login} (password login with {@code identifier} or the deprecated top-level {@code user};
 *       each login issues a new token and invalidates none), {@code POST /logout}, {@code GET /account/whoami};</li>
 *   <li>access tokens via {@code Authorization: Bearer} or {@code ?access_token=}: 401 {@code M_MISSING_TOKEN} /
 *       {@code M_UNKNOWN_TOKEN} (with {@code soft_logout:false});</li>
 *   <li>{@code POST /user/{userId}/filter} and {@code GET /user/{userId}/filter/{filterId}} (filters are recorded,
 *       never applied);</li>
 *   <li>{@code GET /sync} with long polling (timeout capped at 5 s): one ordered event log, {@code next_batch} is
 *       {@code s<N>} = position N in that log; joined rooms with timeline ({@code ClientEventWithoutRoomID} events,
 *       {@code unsigned.age}, {@code unsigned.membership}, {@code unsigned.transaction_id} on the bot's own events),
 *       empty {@code state}, and {@code summary}; invited rooms with stripped {@code invite_state};</li>
 *   <li>{@code POST /join/{roomIdOrAlias}} and {@code POST /rooms/{roomId}/join} (only when invited or the room is
 *       public), {@code PUT /rooms/{roomId}/send/{eventType}/{txnId}} with transaction idempotency,
 *       {@code GET /rooms/{roomId}/joined_members}, {@code GET /profile/{userId}/displayname},
 *       {@code GET /_matrix/client/versions};</li>
 *   <li>errors as {@code {"errcode":"M_...","error":"..."}}; unknown endpoints 404 {@code M_UNRECOGNIZED}, a known
 *       path with the wrong method 405 {@code M_UNRECOGNIZED}; scripted failures, including 429
 *       {@code M_LIMIT_EXCEEDED} with {@code Retry-After} and/or {@code retry_after_ms}.</li>
 * </ul>
 *
 * <p>What it does not fake: federation, room aliases, registration, devices and end-to-end encryption (encrypted
 * events are opaque {@code m.room.encrypted} events without a body), filter semantics (filters and the sync
 * {@code filter} parameter are accepted and ignored, timelines are never truncated), {@code full_state},
 * {@code set_presence}, presence, typing, receipts, account data, to-device messages, {@code /messages}
 * pagination (the {@code prev_batch} tokens lead nowhere), leaving rooms and the {@code leave} section (always
 * empty), power levels, redactions, and server-side rate limiting unless scripted with {@link #failNext} or injected at
 * random with {@link #injectFaults}.
 *
 * <p>Simplifications to know: transaction ids are scoped per device (and endpoint, i.e. room and event type), as
 * homeservers since Matrix 1.7 do, so a retry after a new login on the same device is still de-duplicated and one
 * on a new device is not;
 * scripted failures are answered before authentication; a second concurrent {@code /sync} for the same token
 * simply waits as well.
 *
 * <p>All public methods are thread-safe.
 */
public final class FakeHomeserver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVER_NAME = "example.org";
    private static final List<String> CLIENT_PREFIX = List.of("_matrix", "client", "v3");
    private static final long MAX_SYNC_WAIT_MILLIS = 5_000;
    private static final String JOIN = "join";
    private static final String INVITE = "invite";
    private static final String LEAVE = "leave";
    private static final Set<String> INVITE_STATE_TYPES =
            Set.of("m.room.create", "m.room.join_rules", "m.room.name", "m.room.encryption", "m.room.canonical_alias");

    private final String botLocalpart;
    private final String botUserId;
    private final String password;
    private final List<Route> routes;
    private final LoopbackServer http = new LoopbackServer("fake-homeserver", this::handle);

    /** Guards all state below; {@link #changed} is signalled whenever the event log grows or the server closes. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private boolean closed;
    private long idCounter;
    private boolean limitedNext;
    private boolean unknownNextBatchNext;
    private int sendRequests;
    private final Map<String, String> devicesByToken = new HashMap<>();
    private final List<String> loginDevices = new ArrayList<>();
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final List<LogEntry> log = new ArrayList<>();
    private final Map<String, String> displayNames = new HashMap<>();
    private final Map<String, JsonNode> filters = new LinkedHashMap<>();
    private final Map<String, String> eventIdsByTransaction = new HashMap<>();
    private final Map<String, String> transactionIdsByEventId = new HashMap<>();
    private final List<ObjectNode> sent = new ArrayList<>();
    private final Map<String, List<ObjectNode>> sentByRoom = new HashMap<>();
    private volatile Consumer<JsonNode> onSent = event -> {
    };
    private final Map<String, Integer> positions = new HashMap<>();
    private int syncedFrom;
    private final Deque<byte[]> rawSyncs = new ArrayDeque<>();
    private final Map<String, Integer> rawTokens = new HashMap<>();
    private int rawSyncsServed;
    private Faults faults;
    private List<String> faultyPaths = List.of();
    private int retryAfterMs;
    private final List<String> requests = new ArrayList<>();
    private final Map<String, Deque<Failure>> failures = new LinkedHashMap<>();

    /** A room: who is in it (user id to membership) and its current state events. */
    private static final class Room {
        final String id;
        final Map<String, String> memberships = new LinkedHashMap<>();
        final Map<String, ObjectNode> state = new LinkedHashMap<>();
        int invitePosition = -1;

        Room(String id) {
            this.id = id;
        }

        String membership(String userId) {
            return memberships.getOrDefault(userId, LEAVE);
        }

        List<String> members(String membership) {
            return memberships.entrySet().stream().filter(e -> e.getValue().equals(membership))
                    .map(Map.Entry::getKey).toList();
        }

        ObjectNode stateEvent(String type, String stateKey) {
            return state.get(type + '\u0000' + stateKey);
        }
    }

    /** One position of the event log: an event in a room, and the bot's membership right after it. */
    private record LogEntry(String roomId, ObjectNode event, String botMembership) {
    }

    private record Failure(int status, String errcode, String error, Integer retryAfterMs,
                           Integer retryAfterHeaderSeconds) {
    }

    private record Reply(int status, JsonNode body, Map<String, String> headers, byte[] raw) {

        Reply(int status, JsonNode body, Map<String, String> headers) {
            this(status, body, headers, null);
        }
    }

    private record Request(String method, String path, List<String> segments, Map<String, String> query,
                           String authorization, byte[] body) {
    }

    private record Session(String token, String userId, String deviceId) {
    }

    private record Call(Request request, List<String> params, Session session) {
    }

    @FunctionalInterface
    private interface Handler {
        Reply handle(Call call);
    }

    /** An endpoint below {@code /_matrix/client/v3}; {@code {}} in the pattern is a path parameter. */
    private record Route(String method, List<String> pattern, boolean authenticated, Handler handler) {
        List<String> match(List<String> segments) {
            if (segments.size() != pattern.size()) {
                return null;
            }
            List<String> params = new ArrayList<>();
            for (int i = 0; i < pattern.size(); i++) {
                if (pattern.get(i).equals("{}")) {
                    params.add(segments.get(i));
                } else if (!pattern.get(i).equals(segments.get(i))) {
                    return null;
                }
            }
            return params;
        }
    }

    /** A Matrix error response: {@code {"errcode":...,"error":...}} plus optional fields and headers. */
    private static final class MatrixError extends RuntimeException {
        private final int status;
        private final ObjectNode body;
        private final Map<String, String> headers = new LinkedHashMap<>();

        MatrixError(int status, String errcode, String error) {
            super(errcode + ": " + error, null, false, false);
            this.status = status;
            this.body = JSON.createObjectNode().put("errcode", errcode);
            if (error != null) {
                body.put("error", error);
            }
        }

        Reply reply() {
            return new Reply(status, body, headers);
        }
    }

    /**
     * @param botUser  the bot's localpart; its user id is {@code @<botUser>:example.org}
     * @param password the only password {@code POST /login} accepts
     */
    public FakeHomeserver(String botUser, String password) {
        this.botLocalpart = Objects.requireNonNull(botUser);
        this.botUserId = "@" + botUser + ":" + SERVER_NAME;
        this.password = Objects.requireNonNull(password);
        this.routes = List.of(
                route("GET", "login", false, call -> loginFlows()),
                route("POST", "login", false, this::login),
                route("POST", "logout", true, this::logout),
                route("GET", "account/whoami", true, this::whoami),
                route("POST", "user/{}/filter", true, this::createFilter),
                route("GET", "user/{}/filter/{}", true, this::getFilter),
                route("GET", "sync", true, this::sync),
                route("POST", "join/{}", true, this::joinRoom),
                route("POST", "rooms/{}/join", true, this::joinRoom),
                route("PUT", "rooms/{}/send/{}/{}", true, this::sendEvent),
                route("GET", "rooms/{}/joined_members", true, this::joinedMembers),
                route("GET", "profile/{}/displayname", true, this::profileDisplayName));
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the server on a free port of 127.0.0.1. */
    public FakeHomeserver start() {
        inLock(() -> {
            if (http.running() || closed) {
                throw new IllegalStateException(closed ? "closed" : "already started");
            }
            http.start();
        });
        return this;
    }

    /** The homeserver base URL {@code http://127.0.0.1:<port>}, without a path. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        if (!http.running()) {
            throw new IllegalStateException("not started");
        }
        return http.port();
    }

    /** {@code @<botUser>:example.org}. */
    public String botUserId() {
        return botUserId;
    }

    /** Stops the server and its threads; a {@code /sync} still waiting is woken and its connection dropped. */
    @Override
    public void close() {
        inLock(() -> {
            closed = true;
            changed.signalAll();
        });
        http.close();
    }

    // ---------------------------------------------------------------- scripting: tokens

    /** A valid access token for the bot on a new device, as if obtained by {@code POST /login}. */
    public String issueToken() {
        return locked(() -> newToken(newDeviceId()));
    }

    /** Invalidates every access token issued so far; later requests with them get 401 {@code M_UNKNOWN_TOKEN}. */
    public void revokeAllTokens() {
        inLock(devicesByToken::clear);
    }

    // ---------------------------------------------------------------- scripting: rooms and people

    /**
     * Creates a room that the given users have joined (in that order; the first one creates it). The bot may be one
     * of them. Returns the room id, like {@code !r1abcdef:example.org}.
     */
    public String createRoom(String... memberUserIds) {
        return locked(() -> {
            String roomId = "!r" + (++idCounter) + randomLetters(8) + ":" + SERVER_NAME;
            Room room = new Room(roomId);
            rooms.put(roomId, room);
            String creator = memberUserIds.length > 0 ? memberUserIds[0] : "@admin:" + SERVER_NAME;
            append(room, newEvent(room, "m.room.create", creator, "",
                    object().put("room_version", "11")));
            for (String member : memberUserIds) {
                appendMembership(room, requireUserId(member), member, JOIN);
            }
            append(room, newEvent(room, "m.room.join_rules", creator, "", object().put("join_rule", "invite")));
            return roomId;
        });
    }

    /** {@code inviterUserId} invites the bot; the invite shows up in the bot's next sync under {@code rooms.invite}. */
    public void invite(String roomId, String inviterUserId) {
        inLock(() -> {
            Room room = requireRoom(roomId);
            requireJoined(room, inviterUserId);
            if (room.membership(botUserId).equals(JOIN)) {
                throw new IllegalStateException(botUserId + " has already joined " + roomId);
            }
            appendMembership(room, inviterUserId, botUserId, INVITE);
            room.invitePosition = log.size() - 1;
        });
    }

    /** Another user joins the room (no permission checks). */
    public void join(String roomId, String userId) {
        inLock(() -> {
            Room room = requireRoom(roomId);
            if (!room.membership(requireUserId(userId)).equals(JOIN)) {
                appendMembership(room, userId, userId, JOIN);
            }
        });
    }

    /** Sets the room's join rule to {@code public}: the bot may then join without an invite. */
    public void makePublic(String roomId) {
        inLock(() -> {
            Room room = requireRoom(roomId);
            append(room, newEvent(room, "m.room.join_rules", stateSender(room), "",
                    object().put("join_rule", "public")));
        });
    }

    /** Adds an {@code m.room.encryption} state event (megolm) to the room's timeline. */
    public void enableEncryption(String roomId) {
        inLock(() -> {
            Room room = requireRoom(roomId);
            append(room, newEvent(room, "m.room.encryption", stateSender(room), "", object()
                    .put("algorithm", "m.megolm.v1.aes-sha2")
                    .put("rotation_period_ms", 604_800_000L)
                    .put("rotation_period_msgs", 100)));
        });
    }

    /** The display name {@code GET /profile/.../displayname} and joined_members report (default: the localpart). */
    public void setDisplayName(String userId, String displayName) {
        inLock(() -> displayNames.put(requireUserId(userId), displayName));
    }

    // ---------------------------------------------------------------- scripting: timeline events from people

    /** A plain {@code m.room.message} / {@code m.text}; returns its event id. */
    public String text(String roomId, String senderUserId, String body) {
        return message(roomId, senderUserId, messageContent("m.text", body));
    }

    /** An {@code m.text} that mentions the given users in {@code m.mentions.user_ids}. */
    public String textWithMention(String roomId, String sender, String body, String... mentionedUserIds) {
        ObjectNode content = messageContent("m.text", body);
        ArrayNode userIds = content.putObject("m.mentions").putArray("user_ids");
        Arrays.stream(mentionedUserIds).forEach(userIds::add);
        return message(roomId, sender, content);
    }

    /** An {@code m.notice} (which a bot must never answer). */
    public String notice(String roomId, String sender, String body) {
        return message(roomId, sender, messageContent("m.notice", body));
    }

    /** An {@code m.room.encrypted} megolm event, as a client without encryption sees it: no body. */
    public String encrypted(String roomId, String sender) {
        return event(roomId, sender, "m.room.encrypted", object()
                .put("algorithm", "m.megolm.v1.aes-sha2")
                .put("ciphertext", "AwgAEnAC" + randomLetters(40))
                .put("device_id", "FAKEDEVICE")
                .put("sender_key", randomLetters(43))
                .put("session_id", randomLetters(43)));
    }

    /** An {@code m.text} in the thread of {@code threadRootEventId} (with the reply fallback for thread-unaware clients). */
    public String threadReply(String roomId, String sender, String threadRootEventId, String body) {
        ObjectNode content = messageContent("m.text", body);
        ObjectNode relation = content.putObject("m.relates_to")
                .put("rel_type", "m.thread")
                .put("event_id", threadRootEventId)
                .put("is_falling_back", true);
        relation.putObject("m.in_reply_to").put("event_id", threadRootEventId);
        return message(roomId, sender, content);
    }

    /** An {@code m.text} that replies to {@code inReplyToEventId} ({@code m.relates_to.m.in_reply_to}). */
    public String replyTo(String roomId, String sender, String inReplyToEventId, String body) {
        ObjectNode content = messageContent("m.text", body);
        content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", inReplyToEventId);
        return message(roomId, sender, content);
    }

    /** Any non-state event with the given type and content; the sender must have joined. Returns its event id. */
    public String event(String roomId, String sender, String type, ObjectNode content) {
        return locked(() -> {
            Room room = requireRoom(roomId);
            requireJoined(room, sender);
            ObjectNode event = newEvent(room, type, sender, null, content.deepCopy());
            append(room, event);
            return event.get("event_id").stringValue();
        });
    }

    /** Appends an event of the room to the log once more, with the same event id (for de-duplication tests). */
    public void duplicateEvent(String roomId, String eventId) {
        inLock(() -> {
            Room room = requireRoom(roomId);
            LogEntry original = log.stream()
                    .filter(entry -> entry.roomId().equals(roomId) && eventId(entry.event()).equals(eventId))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no event " + eventId + " in " + roomId));
            log.add(new LogEntry(roomId, original.event(), room.membership(botUserId)));
            changed.signalAll();
        });
    }

    /**
     * The next {@code /sync} with a {@code since} token is answered 200 with exactly these bytes, whatever they hold
     * (for fuzzing). A string {@code next_batch} in them then stands for the log position of that moment.
     */
    public void serveRawSync(byte[] body) {
        inLock(() -> {
            rawSyncs.add(body.clone());
            changed.signalAll();
        });
    }

    /** How many bodies given to {@link #serveRawSync} were served. */
    public int rawSyncsServed() {
        return locked(() -> rawSyncsServed);
    }

    /**
     * The next sync response that contains joined rooms ends with a {@code next_batch} this server does not know
     * (as after its database was restored from a backup): a later {@code /sync} from it is refused with 400
     * {@code M_INVALID_PARAM}.
     */
    public void unknownNextBatchNext() {
        inLock(() -> unknownNextBatchNext = true);
    }

    /** The next sync response that contains joined rooms marks their timelines {@code limited: true}. */
    public void limitedNext() {
        inLock(() -> limitedNext = true);
    }

    // ---------------------------------------------------------------- scripting: failures

    /**
     * Queues a failure for the next request whose path (percent-decoded, without query) contains
     * {@code pathFragment}, e.g. {@code "/send/"}, {@code "/sync"}, {@code "/join"}. Each queued failure is consumed by
     * one request, before authentication. The body is {@code {"errcode":...,"error":...}}, plus {@code retry_after_ms}
     * if {@code retryAfterMs} is given; {@code retryAfterHeaderSeconds} sets the {@code Retry-After} header. For rate
     * limiting use status 429 with {@code M_LIMIT_EXCEEDED}.
     */
    public void failNext(String pathFragment, int status, String errcode, String error, Integer retryAfterMs,
                         Integer retryAfterHeaderSeconds) {
        Failure failure = new Failure(status, errcode, error, retryAfterMs, retryAfterHeaderSeconds);
        inLock(() -> failures.computeIfAbsent(pathFragment, key -> new ArrayDeque<>()).add(failure));
    }

    /**
     * From now on, requests whose path contains one of {@code pathFragments} fail at random as {@code faults} decides,
     * before they do anything: 429 {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms} and a {@code Retry-After}
     * header (in whole seconds, rounded up), or 500 {@code M_UNKNOWN}. Scripted failures come first.
     */
    public void injectFaults(Faults faults, int retryAfterMs, String... pathFragments) {
        inLock(() -> {
            this.faults = faults;
            this.retryAfterMs = retryAfterMs;
            this.faultyPaths = List.of(pathFragments);
        });
    }

    // ---------------------------------------------------------------- inspection

    /**
     * Whether the bot has synced past the event: it asked for a {@code /sync} with a {@code since} token after the
     * event's position, i.e. it stored a {@code next_batch} behind it, which for a bot means it handled it.
     */
    public boolean syncedPast(String eventId) {
        return locked(() -> {
            Integer position = positions.get(eventId);
            return position != null && position < syncedFrom;
        });
    }

    /**
     * Hears of every event a client sends into a room ({@code PUT .../send/...}, not repeated transactions) as it
     * arrives, on the request's thread while the fake's state is locked: the listener must be quick and must not
     * call the fake.
     */
    public void onSent(Consumer<JsonNode> listener) {
        onSent = listener;
    }

    /** Events created through the send endpoint by that user, in order (event_id, room_id, type, sender, content...). */
    public List<JsonNode> sentBy(String userId) {
        return locked(() -> sent.stream().filter(event -> userId.equals(event.path("sender").stringValue(null)))
                .map(event -> (JsonNode) event.deepCopy()).toList());
    }

    /** Events created through the send endpoint in that room, in order. */
    public List<JsonNode> sentIn(String roomId) {
        return locked(() -> sentByRoom.getOrDefault(roomId, List.of()).stream()
                .map(event -> (JsonNode) event.deepCopy()).toList());
    }

    /** How many events were created through the send endpoint in that room: cheaper than {@link #sentIn} for polling. */
    public int sentCount(String roomId) {
        return locked(() -> sentByRoom.getOrDefault(roomId, List.of()).size());
    }

    /** The device id of every password login, in order. */
    public List<String> loginDevices() {
        return locked(() -> List.copyOf(loginDevices));
    }

    /** Method and percent-decoded path of every request received, e.g. {@code "GET /_matrix/client/v3/sync"}. */
    public List<String> requests() {
        return locked(() -> List.copyOf(requests));
    }

    /** The rooms the user has currently joined. */
    public Set<String> joinedRooms(String userId) {
        return locked(() -> {
            Set<String> joined = new LinkedHashSet<>();
            rooms.values().stream().filter(room -> room.membership(userId).equals(JOIN))
                    .forEach(room -> joined.add(room.id));
            return joined;
        });
    }

    /** How many {@code PUT .../rooms/.../send/...} requests arrived, including failed and repeated ones. */
    public int sendRequests() {
        return locked(() -> sendRequests);
    }

    /** The filter definitions uploaded with {@code POST /user/{userId}/filter}, in order (filter ids 1, 2, ...). */
    public List<JsonNode> filters() {
        return locked(() -> filters.values().stream().map(JsonNode::deepCopy).toList());
    }

    // ---------------------------------------------------------------- endpoints: session

    private Reply loginFlows() {
        ObjectNode body = object();
        body.putArray("flows").addObject().put("type", "m.login.password");
        return ok(body);
    }

    private Reply login(Call call) {
        JsonNode body = jsonObject(call.request());
        if (!"m.login.password".equals(string(body.get("type")))) {
            throw new MatrixError(400, "M_UNKNOWN", "Bad login type.");
        }
        if (!isBot(loginUser(body)) || !password.equals(string(body.get("password")))) {
            throw new MatrixError(403, "M_FORBIDDEN", "Invalid username or password");
        }
        String deviceId = Objects.requireNonNullElseGet(string(body.get("device_id")), this::newDeviceId);
        loginDevices.add(deviceId);
        return ok(object()
                .put("user_id", botUserId)
                .put("access_token", newToken(deviceId))
                .put("device_id", deviceId));
    }

    /** The user from {@code identifier} ({@code m.id.user}) or the deprecated top-level {@code user}. */
    private static String loginUser(JsonNode body) {
        JsonNode identifier = body.get("identifier");
        if (identifier == null || identifier.isNull()) {
            return string(body.get("user"));
        }
        if (!"m.id.user".equals(string(identifier.get("type")))) {
            throw new MatrixError(400, "M_UNKNOWN", "Unknown login identifier type");
        }
        return string(identifier.get("user"));
    }

    private boolean isBot(String user) {
        return user != null && (user.equals(botUserId) || user.equals(botLocalpart));
    }

    private Reply logout(Call call) {
        devicesByToken.remove(call.session().token());
        return ok(object());
    }

    private Reply whoami(Call call) {
        return ok(object().put("user_id", call.session().userId()).put("device_id", call.session().deviceId()));
    }

    // ---------------------------------------------------------------- endpoints: filters

    private Reply createFilter(Call call) {
        requireSelf(call, "Cannot create filters for other users");
        JsonNode filter = jsonObject(call.request());
        String filterId = String.valueOf(filters.size() + 1);
        filters.put(filterId, filter);
        return ok(object().put("filter_id", filterId));
    }

    private Reply getFilter(Call call) {
        requireSelf(call, "Cannot get filters for other users");
        JsonNode filter = filters.get(call.params().get(1));
        if (filter == null) {
            throw new MatrixError(404, "M_NOT_FOUND", "No such filter");
        }
        return ok(filter.deepCopy());
    }

    private void requireSelf(Call call, String message) {
        if (!call.params().get(0).equals(call.session().userId())) {
            throw new MatrixError(403, "M_FORBIDDEN", message);
        }
    }

    // ---------------------------------------------------------------- endpoints: sync

    private Reply sync(Call call) {
        Map<String, String> query = call.request().query();
        String since = query.get("since");
        if (since == null || since.isEmpty()) {
            return ok(delivered(syncResponse(-1)));
        }
        if (!rawSyncs.isEmpty()) {
            return serveRaw();
        }
        int from = parseSince(since);
        syncedFrom = Math.max(syncedFrom, from);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(parseTimeout(query.get("timeout")));
        while (true) {
            if (!rawSyncs.isEmpty()) {
                return serveRaw();
            }
            ObjectNode response = syncResponse(from);
            long remaining = deadline - System.nanoTime();
            if (hasRoomUpdates(response) || remaining <= 0 || closed) {
                return ok(delivered(response));
            }
            awaitChange(remaining);
        }
    }

    private Reply serveRaw() {
        byte[] raw = rawSyncs.poll();
        rawSyncsServed++;
        try {
            JsonNode parsed = JSON.readTree(raw);
            if (parsed.path("next_batch").isString()) {
                rawTokens.put(parsed.path("next_batch").stringValue(), log.size());
            }
        } catch (JacksonException notJson) {
            // served as it is all the same
        }
        return new Reply(200, null, Map.of(), raw);
    }

    /** The sync response from log position {@code since} (exclusive of earlier ones), or the initial one for -1. */
    private ObjectNode syncResponse(int since) {
        ObjectNode response = object().put("next_batch", "s" + log.size());
        ObjectNode roomsNode = response.putObject("rooms");
        ObjectNode join = roomsNode.putObject(JOIN);
        ObjectNode invite = roomsNode.putObject(INVITE);
        roomsNode.putObject(LEAVE);
        Map<String, List<Integer>> timelines = since < 0 ? timelinesOfJoinedRooms() : timelinesSince(since);
        timelines.forEach((roomId, positions) -> join.set(roomId, joinedRoom(rooms.get(roomId), positions)));
        for (Room room : rooms.values()) {
            if (room.membership(botUserId).equals(INVITE) && room.invitePosition >= since) {
                invite.set(room.id, invitedRoom(room));
            }
        }
        return response;
    }

    /** Initial sync: the whole timeline of every room the bot has joined. */
    private Map<String, List<Integer>> timelinesOfJoinedRooms() {
        Map<String, List<Integer>> timelines = new LinkedHashMap<>();
        for (int position = 0; position < log.size(); position++) {
            String roomId = log.get(position).roomId();
            if (rooms.get(roomId).membership(botUserId).equals(JOIN)) {
                timelines.computeIfAbsent(roomId, key -> new ArrayList<>()).add(position);
            }
        }
        return timelines;
    }

    /** Incremental sync: the events after {@code since} that the bot could see (it was joined at the time). */
    private Map<String, List<Integer>> timelinesSince(int since) {
        Map<String, List<Integer>> timelines = new LinkedHashMap<>();
        for (int position = since; position < log.size(); position++) {
            LogEntry entry = log.get(position);
            if (entry.botMembership().equals(JOIN)) {
                timelines.computeIfAbsent(entry.roomId(), key -> new ArrayList<>()).add(position);
            }
        }
        return timelines;
    }

    private ObjectNode joinedRoom(Room room, List<Integer> positions) {
        ObjectNode joined = object();
        ObjectNode timeline = joined.putObject("timeline");
        ArrayNode events = timeline.putArray("events");
        long now = System.currentTimeMillis();
        positions.forEach(position -> events.add(clientEvent(log.get(position), now)));
        timeline.put("limited", limitedNext);
        timeline.put("prev_batch", "t" + positions.get(0));
        joined.putObject("state").putArray("events");
        joined.set("summary", summary(room));
        return joined;
    }

    private ObjectNode summary(Room room) {
        ObjectNode summary = object();
        ArrayNode heroes = summary.putArray("m.heroes");
        room.memberships.entrySet().stream()
                .filter(e -> !e.getKey().equals(botUserId) && !e.getValue().equals(LEAVE))
                .limit(5).forEach(e -> heroes.add(e.getKey()));
        summary.put("m.joined_member_count", room.members(JOIN).size());
        summary.put("m.invited_member_count", room.members(INVITE).size());
        return summary;
    }

    /** A {@code ClientEventWithoutRoomID}, with {@code unsigned} computed for the bot as the requesting user. */
    private ObjectNode clientEvent(LogEntry entry, long now) {
        ObjectNode event = entry.event().deepCopy();
        event.remove("room_id");
        ObjectNode unsigned = event.putObject("unsigned");
        unsigned.put("age", Math.max(0, now - event.path("origin_server_ts").asLong()));
        unsigned.put("membership", entry.botMembership());
        String transactionId = transactionIdsByEventId.get(eventId(event));
        if (transactionId != null && botUserId.equals(string(event.get("sender")))) {
            unsigned.put("transaction_id", transactionId);
        }
        return event;
    }

    /** {@code invite_state}: stripped state of the room plus the inviter's and the invite's member events. */
    private ObjectNode invitedRoom(Room room) {
        ObjectNode invited = object();
        ArrayNode events = invited.putObject("invite_state").putArray("events");
        ObjectNode inviteEvent = room.stateEvent("m.room.member", botUserId);
        String inviter = string(inviteEvent.get("sender"));
        for (ObjectNode state : room.state.values()) {
            if (INVITE_STATE_TYPES.contains(string(state.get("type")))) {
                events.add(stripped(state));
            }
        }
        ObjectNode inviterMember = room.stateEvent("m.room.member", inviter);
        if (inviterMember != null) {
            events.add(stripped(inviterMember));
        }
        events.add(stripped(inviteEvent));
        return invited;
    }

    private static ObjectNode stripped(ObjectNode event) {
        return object()
                .put("type", string(event.get("type")))
                .put("state_key", string(event.get("state_key")))
                .put("sender", string(event.get("sender")))
                .set("content", event.get("content").deepCopy());
    }

    private static boolean hasRoomUpdates(ObjectNode response) {
        JsonNode roomsNode = response.get("rooms");
        return !roomsNode.get(JOIN).isEmpty() || !roomsNode.get(INVITE).isEmpty();
    }

    /** Called for the response actually returned: a pending {@link #limitedNext()} is used up by joined rooms. */
    private ObjectNode delivered(ObjectNode response) {
        if (!response.get("rooms").get(JOIN).isEmpty()) {
            limitedNext = false;
            if (unknownNextBatchNext) {
                unknownNextBatchNext = false;
                response.put("next_batch", "restored-" + log.size());
            }
        }
        return response;
    }

    private int parseSince(String since) {
        Integer raw = rawTokens.get(since);
        if (raw != null) {
            return raw;
        }
        try {
            if (since.startsWith("s")) {
                int position = Integer.parseInt(since.substring(1));
                if (position >= 0) {
                    return Math.min(position, log.size());
                }
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new MatrixError(400, "M_INVALID_PARAM", "Invalid stream token: " + since);
    }

    private static long parseTimeout(String timeout) {
        if (timeout == null || timeout.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Math.min(Long.parseLong(timeout), MAX_SYNC_WAIT_MILLIS));
        } catch (NumberFormatException e) {
            throw new MatrixError(400, "M_INVALID_PARAM", "timeout must be an integer: " + timeout);
        }
    }

    private void awaitChange(long nanos) {
        try {
            changed.awaitNanos(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixError(500, "M_UNKNOWN", "interrupted");
        }
    }

    // ---------------------------------------------------------------- endpoints: rooms

    private Reply joinRoom(Call call) {
        String roomIdOrAlias = call.params().get(0);
        Room room = rooms.get(roomIdOrAlias);
        if (room == null) {
            throw new MatrixError(404, "M_NOT_FOUND", roomIdOrAlias.startsWith("#")
                    ? "Room alias " + roomIdOrAlias + " not found" : "Unknown room " + roomIdOrAlias);
        }
        String userId = call.session().userId();
        String membership = room.membership(userId);
        if (!membership.equals(JOIN)) {
            if (!membership.equals(INVITE) && !isPublic(room)) {
                throw new MatrixError(403, "M_FORBIDDEN", "You are not invited to this room.");
            }
            appendMembership(room, userId, userId, JOIN);
        }
        return ok(object().put("room_id", room.id));
    }

    private static boolean isPublic(Room room) {
        ObjectNode joinRules = room.stateEvent("m.room.join_rules", "");
        return joinRules != null && "public".equals(string(joinRules.path("content").get("join_rule")));
    }

    private Reply sendEvent(Call call) {
        String roomId = call.params().get(0);
        String type = call.params().get(1);
        String transactionId = call.params().get(2);
        String userId = call.session().userId();
        String transactionKey = String.join("\u0000", userId, call.session().deviceId(), roomId, type, transactionId);
        String earlier = eventIdsByTransaction.get(transactionKey);
        if (earlier != null) {
            return ok(object().put("event_id", earlier));
        }
        JsonNode content = jsonObject(call.request());
        Room room = rooms.get(roomId);
        if (room == null || !room.membership(userId).equals(JOIN)) {
            throw new MatrixError(403, "M_FORBIDDEN", "User " + userId + " not in room " + roomId);
        }
        ObjectNode event = newEvent(room, type, userId, null, (ObjectNode) content);
        String eventId = eventId(event);
        eventIdsByTransaction.put(transactionKey, eventId);
        transactionIdsByEventId.put(eventId, transactionId);
        sent.add(event);
        sentByRoom.computeIfAbsent(roomId, key -> new ArrayList<>()).add(event);
        append(room, event);
        onSent.accept(event);
        return ok(object().put("event_id", eventId));
    }

    private Reply joinedMembers(Call call) {
        Room room = rooms.get(call.params().get(0));
        if (room == null || !room.membership(call.session().userId()).equals(JOIN)) {
            throw new MatrixError(403, "M_FORBIDDEN", "You aren't a member of the room.");
        }
        ObjectNode joined = object();
        room.members(JOIN).forEach(member -> joined.putObject(member).put("display_name", displayName(member)));
        ObjectNode body = object();
        body.set("joined", joined);
        return ok(body);
    }

    private Reply profileDisplayName(Call call) {
        String userId = call.params().get(0);
        boolean known = userId.equals(botUserId) || displayNames.containsKey(userId)
                || rooms.values().stream().anyMatch(room -> room.memberships.containsKey(userId));
        if (!known) {
            throw new MatrixError(404, "M_NOT_FOUND", "Profile was not found");
        }
        return ok(object().put("displayname", displayName(userId)));
    }

    // ---------------------------------------------------------------- event log

    private String message(String roomId, String sender, ObjectNode content) {
        return event(roomId, sender, "m.room.message", content);
    }

    private static ObjectNode messageContent(String msgtype, String body) {
        return object().put("msgtype", msgtype).put("body", body);
    }

    /** A new event with a fresh id; {@code stateKey} is null for message events. */
    private ObjectNode newEvent(Room room, String type, String sender, String stateKey, ObjectNode content) {
        ObjectNode event = object()
                .put("event_id", "$ev" + (++idCounter) + "_" + randomLetters(10))
                .put("room_id", room.id)
                .put("type", type)
                .put("sender", sender)
                .put("origin_server_ts", System.currentTimeMillis());
        if (stateKey != null) {
            event.put("state_key", stateKey);
        }
        event.set("content", content);
        return event;
    }

    private void appendMembership(Room room, String sender, String userId, String membership) {
        append(room, newEvent(room, "m.room.member", sender, userId, object()
                .put("membership", membership)
                .put("displayname", displayName(userId))));
    }

    /** Applies a state event to the room, then appends the event to the log and wakes waiting syncs. */
    private void append(Room room, ObjectNode event) {
        JsonNode stateKey = event.get("state_key");
        if (stateKey != null) {
            String type = string(event.get("type"));
            room.state.put(type + '\u0000' + stateKey.stringValue(), event);
            if (type.equals("m.room.member")) {
                room.memberships.put(stateKey.stringValue(), string(event.path("content").get("membership")));
            }
        }
        positions.putIfAbsent(eventId(event), log.size());
        log.add(new LogEntry(room.id, event, room.membership(botUserId)));
        changed.signalAll();
    }

    private String stateSender(Room room) {
        return room.members(JOIN).stream().filter(member -> !member.equals(botUserId)).findFirst()
                .orElse(string(room.stateEvent("m.room.create", "").get("sender")));
    }

    private String displayName(String userId) {
        return displayNames.getOrDefault(userId, localpart(userId));
    }

    private Room requireRoom(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalArgumentException("unknown room " + roomId);
        }
        return room;
    }

    private static void requireJoined(Room room, String userId) {
        if (!room.membership(userId).equals(JOIN)) {
            throw new IllegalStateException(userId + " has not joined " + room.id);
        }
    }

    private static String requireUserId(String userId) {
        if (userId == null || !userId.startsWith("@") || !userId.contains(":")) {
            throw new IllegalArgumentException("not a user id: " + userId);
        }
        return userId;
    }

    private static String localpart(String userId) {
        int colon = userId.indexOf(':');
        return userId.substring(userId.startsWith("@") ? 1 : 0, colon < 0 ? userId.length() : colon);
    }

    // ---------------------------------------------------------------- tokens

    private String newToken(String deviceId) {
        String token = "syt_" + botLocalpart + "_" + (++idCounter) + randomLetters(20);
        devicesByToken.put(token, deviceId);
        return token;
    }

    private String newDeviceId() {
        return randomLetters(10).toUpperCase();
    }

    private Session authenticate(Request request) {
        String token = null;
        String authorization = request.authorization();
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = authorization.substring(7).trim();
        } else if (request.query().containsKey("access_token")) {
            token = request.query().get("access_token");
        }
        if (token == null || token.isEmpty()) {
            throw new MatrixError(401, "M_MISSING_TOKEN", "Missing access token");
        }
        String deviceId = devicesByToken.get(token);
        if (deviceId == null) {
            MatrixError error = new MatrixError(401, "M_UNKNOWN_TOKEN", "Unrecognised access token");
            error.body.put("soft_logout", false);
            throw error;
        }
        return new Session(token, botUserId, deviceId);
    }

    // ---------------------------------------------------------------- HTTP plumbing

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply;
            try {
                Request request = read(exchange);
                reply = locked(() -> dispatch(request));
            } catch (MatrixError e) {
                reply = e.reply();
            } catch (RuntimeException e) {
                reply = new MatrixError(500, "M_UNKNOWN", "FakeHomeserver failed: " + e).reply();
            }
            write(exchange, reply);
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }

    private Reply dispatch(Request request) {
        requests.add(request.method() + " " + request.path());
        if (isSendRequest(request)) {
            sendRequests++;
        }
        Failure failure = takeFailure(request.path());
        if (failure == null && faults != null && faultyPaths.stream().anyMatch(request.path()::contains)) {
            Faults.Fault fault = faults.next();
            if (fault == Faults.Fault.RATE_LIMITED) {
                failure = new Failure(429, "M_LIMIT_EXCEEDED", "Too many requests", retryAfterMs,
                        (retryAfterMs + 999) / 1000);
            } else if (fault == Faults.Fault.SERVER_ERROR) {
                failure = new Failure(500, "M_UNKNOWN", "Internal server error", null, null);
            }
        }
        if (failure != null) {
            return failureReply(failure);
        }
        if (request.method().equals("GET") && request.path().equals("/_matrix/client/versions")) {
            return versions();
        }
        List<String> segments = request.segments();
        if (segments.size() <= CLIENT_PREFIX.size() || !segments.subList(0, CLIENT_PREFIX.size()).equals(CLIENT_PREFIX)) {
            throw unrecognized();
        }
        List<String> endpoint = segments.subList(CLIENT_PREFIX.size(), segments.size());
        boolean pathKnown = false;
        for (Route route : routes) {
            List<String> params = route.match(endpoint);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(request.method())) {
                Session session = route.authenticated() ? authenticate(request) : null;
                return route.handler().handle(new Call(request, params, session));
            }
        }
        throw pathKnown ? new MatrixError(405, "M_UNRECOGNIZED", "Unrecognized request") : unrecognized();
    }

    private static MatrixError unrecognized() {
        return new MatrixError(404, "M_UNRECOGNIZED", "Unrecognized request");
    }

    private static boolean isSendRequest(Request request) {
        List<String> s = request.segments();
        return request.method().equals("PUT") && s.size() == 8 && s.get(3).equals("rooms") && s.get(5).equals("send");
    }

    private Failure takeFailure(String path) {
        for (Map.Entry<String, Deque<Failure>> entry : failures.entrySet()) {
            if (path.contains(entry.getKey()) && !entry.getValue().isEmpty()) {
                return entry.getValue().poll();
            }
        }
        return null;
    }

    private static Reply failureReply(Failure failure) {
        MatrixError error = new MatrixError(failure.status(), failure.errcode(), failure.error());
        if (failure.retryAfterMs() != null) {
            error.body.put("retry_after_ms", failure.retryAfterMs().intValue());
        }
        if (failure.retryAfterHeaderSeconds() != null) {
            error.headers.put("Retry-After", String.valueOf(failure.retryAfterHeaderSeconds()));
        }
        return error.reply();
    }

    private static Reply versions() {
        ObjectNode body = object();
        ArrayNode versions = body.putArray("versions");
        List.of("v1.1", "v1.2", "v1.3", "v1.4", "v1.5", "v1.6", "v1.7", "v1.8", "v1.9", "v1.10", "v1.11")
                .forEach(versions::add);
        body.putObject("unstable_features");
        return ok(body);
    }

    private static Request read(HttpExchange exchange) throws IOException {
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = Arrays.stream(rawPath.split("/"))
                .filter(segment -> !segment.isEmpty())
                .map(FakeHomeserver::decodePathSegment)
                .toList();
        byte[] body = exchange.getRequestBody().readAllBytes();
        return new Request(exchange.getRequestMethod().toUpperCase(), "/" + String.join("/", segments), segments,
                parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
    }

    private static String decodePathSegment(String segment) {
        return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            query.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }

    /** The request body as a JSON object (an empty body counts as {@code {}}), else 400 {@code M_NOT_JSON}. */
    private static JsonNode jsonObject(Request request) {
        if (request.body().length == 0) {
            return object();
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (JacksonException e) {
            // fall through
        }
        throw new MatrixError(400, "M_NOT_JSON", "Content not JSON.");
    }

    private static void write(HttpExchange exchange, Reply reply) throws IOException {
        LoopbackServer.replyJson(exchange, reply.status(),
                reply.raw() != null ? reply.raw() : JSON.writeValueAsBytes(reply.body()), reply.headers());
    }

    private static Reply ok(JsonNode body) {
        return new Reply(200, body, Map.of());
    }

    // ---------------------------------------------------------------- small helpers

    private static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** The string value of a JSON string node, else null (never coerces numbers or objects). */
    private static String string(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }

    private static String eventId(JsonNode event) {
        return event.get("event_id").stringValue();
    }

    private static String randomLetters(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return letters.toString();
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private void inLock(Runnable action) {
        lock.lock();
        try {
            action.run();
        } finally {
            lock.unlock();
        }
    }

    private static Route route(String method, String pattern, boolean authenticated, Handler handler) {
        return new Route(method, List.of(pattern.split("/")), authenticated, handler);
    }
}
