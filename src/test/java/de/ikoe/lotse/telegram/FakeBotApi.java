package de.ikoe.lotse.telegram;

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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Telegram Bot API server on 127.0.0.1 for tests, so that the real TelegramBots client talks HTTP to it.
 *
 * <p>What it fakes: the URL scheme {@code /bot<token>/<method>} (method names case-insensitive; unknown token 401,
 * unknown method 404), JSON, multipart, url-encoded and query parameters, the {@code {"ok":...}} envelope with the
 * error code as HTTP status, and the methods getMe, deleteWebhook, setWebhook, getWebhookInfo, getUpdates (offset
 * confirmation, limit, long polling capped at 5 s, 409 for a concurrent poll or an active webhook), sendMessage
 * (4096-character limit on the visible text, empty text, a simple HTML entity check, reply targets, blocked users,
 * migrated groups), editMessageText, answerCallbackQuery, set/get/deleteMyCommands, sendChatAction, close and logOut.
 * Tests enqueue updates, script failures, inspect what the bot sent, and can stop and restart the server on the same
 * port with all state kept.
 *
 * <p>What it does not fake: webhook delivery (it never POSTs to the webhook URL), files and media, entities other than
 * the HTML check (MarkdownV2 is passed through unchecked), allowed_updates filtering, command scopes (commands are kept
 * per language code only), flood control unless scripted with {@link #failNext(String, int, String, int)} or injected
 * at random with {@link #injectFaults}, and any method not listed above (404).
 */
public final class FakeBotApi implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern PATH = Pattern.compile("^/bot([^/]*)/([^/]+)/?$");
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern PART_NAME = Pattern.compile("(?i)\\bname=\"([^\"]*)\"");
    private static final Pattern HTML_ENTITY = Pattern.compile("&(lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});");
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");
    private static final Pattern SECRET_TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Set<String> HTML_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "a", "code", "pre", "blockquote", "tg-spoiler", "span");
    private static final int MAX_TEXT_LENGTH = 4096;
    private static final long MAX_POLL_MILLIS = 5_000;
    private static final long ADMIN_USER_ID = 1000;
    private static final String POLL_CONFLICT =
            "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";

    private final String token;
    private final ObjectNode bot;
    private final Map<String, Function<ObjectNode, JsonNode>> methods;
    private final LoopbackServer http = new LoopbackServer("fake-bot-api", this::handle);

    /** Guards all state below; {@link #changed} is signalled when updates arrive or the server stops. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();

    private long serverGeneration;
    private Object activePoll;
    private long nextUpdateId = 1;
    private long confirmedOffset;
    private long callbackCounter;
    private ObjectNode webhook;
    private final Deque<ObjectNode> pending = new ArrayDeque<>();
    private final Map<Long, ObjectNode> users = new HashMap<>();
    private final Map<Long, ObjectNode> chats = new HashMap<>();
    private final Map<Long, Long> lastMessageIds = new HashMap<>();
    private final Map<String, ObjectNode> messages = new HashMap<>();
    private final Map<Long, Long> migratedChats = new HashMap<>();
    private final Set<Long> blockedChats = new HashSet<>();
    private final Set<String> openCallbackIds = new HashSet<>();
    private final Map<String, Deque<Failure>> failures = new HashMap<>();
    private final Map<String, JsonNode> commands = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<JsonNode> sent = new ArrayList<>();
    private final Map<Long, List<JsonNode>> sentByChat = new HashMap<>();
    private Faults faults;
    private Set<String> faultyMethods = Set.of();
    private int retryAfterSeconds;
    private final List<JsonNode> edits = new ArrayList<>();
    private final List<JsonNode> callbackAnswers = new ArrayList<>();
    private volatile Consumer<JsonNode> onSent = record -> {
    };

    private record Failure(int status, String description, Integer retryAfter) {
    }

    private record Reply(int status, JsonNode body) {
    }

    /** A Bot API error: becomes {@code {"ok":false,...}} with the error code as HTTP status. */
    private static final class ApiError extends RuntimeException {
        private final int status;
        private final ObjectNode parameters = JSON.createObjectNode();

        ApiError(int status, String description) {
            super(description, null, false, false);
            this.status = status;
        }

        ApiError with(String parameter, long value) {
            parameters.put(parameter, value);
            return this;
        }
    }

    public FakeBotApi(String token, String botUsername) {
        this.token = token;
        long botId = parseBotId(token);
        this.bot = JSON.createObjectNode().put("id", botId).put("is_bot", true)
                .put("first_name", botUsername).put("username", botUsername);
        this.methods = Map.ofEntries(
                Map.entry("getme", p -> bot.deepCopy()),
                Map.entry("deletewebhook", this::deleteWebhook),
                Map.entry("setwebhook", this::setWebhook),
                Map.entry("getwebhookinfo", p -> webhookInfo()),
                Map.entry("getupdates", this::getUpdates),
                Map.entry("sendmessage", this::sendMessage),
                Map.entry("editmessagetext", this::editMessageText),
                Map.entry("answercallbackquery", this::answerCallbackQuery),
                Map.entry("setmycommands", this::setMyCommands),
                Map.entry("getmycommands", p -> commandsFor(languageCode(p))),
                Map.entry("deletemycommands", this::deleteMyCommands),
                Map.entry("sendchataction", this::sendChatAction),
                Map.entry("close", p -> JSON.booleanNode(true)),
                Map.entry("logout", p -> JSON.booleanNode(true)));
    }

    // ---------------------------------------------------------------- lifecycle

    /** Starts the server on a free port of 127.0.0.1. */
    public FakeBotApi start() {
        startServer();
        return this;
    }

    /** {@code http://127.0.0.1:<port>}, without a path: the client appends {@code /bot<token>/<method>}. */
    public String url() {
        return http.url();
    }

    public int port() {
        return http.port();
    }

    /** Starts the HTTP server again on the same port as before (or a free one the first time); state is kept. */
    public void startServer() {
        http.start();
    }

    /** Stops the HTTP server (connections are refused) but keeps all state; a waiting getUpdates is released. */
    public void stopServer() {
        http.stop();
        locked(() -> {
            serverGeneration++;
            activePoll = null;
            changed.signalAll();
            return null;
        });
    }

    @Override
    public void close() {
        stopServer();
        http.close();
    }

    // ---------------------------------------------------------------- scripting: updates

    /** A text message from a user in the private chat with the bot (chat id = user id). */
    public long privateMessage(long userId, String firstName, String text) {
        return locked(() -> {
            ObjectNode from = rememberUser(userId, firstName);
            chats.put(userId, privateChat(from));
            return enqueue("message", incomingMessage(userId, from).put("text", text));
        });
    }

    /** A text message from a user in a supergroup. */
    public long groupMessage(long chatId, long userId, String text) {
        return locked(() -> {
            chats.put(chatId, groupChat(chatId, "supergroup"));
            return enqueue("message", incomingMessage(chatId, userFor(userId)).put("text", text));
        });
    }

    /** A group message that replies to a message of the bot. */
    public long replyToBot(long chatId, long userId, String text, long botMessageId) {
        return locked(() -> {
            chats.putIfAbsent(chatId, groupChat(chatId, "supergroup"));
            ObjectNode message = incomingMessage(chatId, userFor(userId)).put("text", text);
            message.set("reply_to_message", knownOrBotMessage(chatId, botMessageId));
            return enqueue("message", message);
        });
    }

    /** A press on an inline button of the bot message {@code messageId} in the user's private chat. */
    public long callback(long userId, String data, long messageId) {
        return locked(() -> {
            ObjectNode from = userFor(userId);
            chats.putIfAbsent(userId, privateChat(from));
            ObjectNode query = JSON.createObjectNode().put("id", String.valueOf(4_000_000_000L + ++callbackCounter));
            query.set("from", from);
            query.set("message", knownOrBotMessage(userId, messageId));
            query.put("chat_instance", String.valueOf(-userId)).put("data", data);
            return enqueue("callback_query", query);
        });
    }

    /** A sticker (no text) in the user's private chat. */
    public long sticker(long userId) {
        return locked(() -> {
            ObjectNode from = userFor(userId);
            chats.putIfAbsent(userId, privateChat(from));
            ObjectNode message = incomingMessage(userId, from);
            message.putObject("sticker").put("file_id", "CAACAgIAAxkBAAE" + userId).put("file_unique_id", "AgAD" + userId)
                    .put("type", "regular").put("width", 512).put("height", 512)
                    .put("is_animated", false).put("is_video", false).put("emoji", "👍");
            return enqueue("message", message);
        });
    }

    /**
     * The service message (from user 1000 "Admin") in a group that was upgraded to a supergroup. From then on,
     * sending to the old chat fails with 400 and {@code parameters.migrate_to_chat_id}, as on the real server.
     */
    public long migrate(long oldChatId, long newChatId) {
        return locked(() -> {
            chats.put(oldChatId, groupChat(oldChatId, "group"));
            chats.put(newChatId, groupChat(newChatId, "supergroup"));
            migratedChats.put(oldChatId, newChatId);
            ObjectNode message = incomingMessage(oldChatId, userFor(ADMIN_USER_ID)).put("migrate_to_chat_id", newChatId);
            return enqueue("message", message);
        });
    }

    /** An edited text message in the user's private chat. */
    public long editedMessage(long userId, String text) {
        return locked(() -> {
            ObjectNode from = userFor(userId);
            chats.putIfAbsent(userId, privateChat(from));
            return enqueue("edited_message", incomingMessage(userId, from).put("text", text).put("edit_date", now()));
        });
    }

    /** Any update; the update_id is assigned here. */
    public long update(ObjectNode updateWithoutId) {
        return locked(() -> {
            ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdateId++);
            updateWithoutId.properties().stream().filter(e -> !e.getKey().equals("update_id"))
                    .forEach(e -> update.set(e.getKey(), e.getValue().deepCopy()));
            return add(update);
        });
    }

    // ---------------------------------------------------------------- scripting: failures

    /** The next call of {@code method} fails with this error instead of succeeding. */
    public void failNext(String method, int status, String description) {
        queueFailure(method, new Failure(status, description, null));
    }

    /** The next {@code successes} calls of {@code method} succeed, the one after them fails with this error. */
    public void failAfter(String method, int successes, int status, String description) {
        for (int i = 0; i < successes; i++) {
            queueFailure(method, new Failure(0, null, null));
        }
        queueFailure(method, new Failure(status, description, null));
    }

    /** As {@link #failNext(String, int, String)}, with {@code parameters.retry_after} (use 429 for flood control). */
    public void failNext(String method, int status, String description, int retryAfterSeconds) {
        queueFailure(method, new Failure(status, description, retryAfterSeconds));
    }

    /**
     * From now on, calls of these methods fail at random as {@code faults} decides, before they do anything: 429
     * {@code Too Many Requests: retry after N} with {@code parameters.retry_after}, or 500. Scripted failures come first.
     */
    public void injectFaults(Faults faults, int retryAfterSeconds, String... methods) {
        locked(() -> {
            this.faults = faults;
            this.retryAfterSeconds = retryAfterSeconds;
            this.faultyMethods = Set.of(java.util.Arrays.stream(methods).map(m -> m.toLowerCase(Locale.ROOT))
                    .toArray(String[]::new));
            return null;
        });
    }

    /** Every sendMessage and sendChatAction to this chat fails with 403, as when the user blocked the bot. */
    public void blockChat(long chatId) {
        locked(() -> blockedChats.add(chatId));
    }

    /**
     * Hears of every successful sendMessage as it arrives (its parameters, chat_id as a number), on the
     * request's thread while the fake's state is locked: the listener must be quick and must not call the fake.
     */
    public void onSent(Consumer<JsonNode> listener) {
        onSent = listener;
    }

    // ---------------------------------------------------------------- inspection

    /** Every successful sendMessage: its parameters (chat_id as a number) plus the created "message_id", in order. */
    public List<JsonNode> sent() {
        return locked(() -> copies(sent));
    }

    public List<JsonNode> sentTo(long chatId) {
        return locked(() -> copies(sentByChat.getOrDefault(chatId, List.of())));
    }

    /** What the chat's user read of each message sent to it, in order: the text after Telegram's HTML is parsed. */
    public List<String> seenIn(long chatId) {
        return sentTo(chatId).stream().map(m -> "html".equalsIgnoreCase(m.path("parse_mode").asString(""))
                ? parseHtml(m.path("text").asString("")) : m.path("text").asString("")).toList();
    }

    /** How many messages were sent to the chat: cheaper than {@link #sentTo(long)} for a test that polls. */
    public int sentCount(long chatId) {
        return locked(() -> sentByChat.getOrDefault(chatId, List.of()).size());
    }

    /** Every successful editMessageText: its parameters, in order. */
    public List<JsonNode> edits() {
        return locked(() -> copies(edits));
    }

    /** The lower-cased method names of every request received, in order (including failed ones). */
    public List<String> calls() {
        return locked(() -> List.copyOf(calls));
    }

    /** Every successful answerCallbackQuery: its parameters, in order. */
    public List<JsonNode> callbackAnswers() {
        return locked(() -> copies(callbackAnswers));
    }

    /** The commands last set for this language code ("" for the default), or null. */
    public JsonNode commands(String languageCode) {
        return locked(() -> {
            JsonNode set = commands.get(languageCode == null ? "" : languageCode);
            return set == null ? null : set.deepCopy();
        });
    }

    /** {@code {"url":...,"secret_token":...}} as last set, or null when no webhook is set. */
    public JsonNode webhook() {
        return locked(() -> webhook == null ? null : webhook.deepCopy());
    }

    /** The highest offset any getUpdates has confirmed (0 if none). */
    public long confirmedOffset() {
        return locked(() -> confirmedOffset);
    }

    /** Updates not yet confirmed by an offset. */
    public int pendingUpdates() {
        return locked(() -> pending.size());
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) {
        try {
            Reply reply = process(exchange);
            LoopbackServer.replyJson(exchange, reply.status(), JSON.writeValueAsBytes(reply.body()), Map.of());
        } catch (IOException | RuntimeException e) {
            // the client went away or the server was stopped meanwhile
        } finally {
            exchange.close();
        }
    }

    private Reply process(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
        if (!path.matches()) {
            return error(new ApiError(404, "Not Found"));
        }
        String method = path.group(2).toLowerCase(Locale.ROOT);
        lock.lock();
        try {
            calls.add(method);
            if (!token.equals(path.group(1))) {
                throw new ApiError(401, "Unauthorized");
            }
            Function<ObjectNode, JsonNode> handler = methods.get(method);
            if (handler == null) {
                throw new ApiError(404, "Not Found");
            }
            throwScriptedFailure(method);
            return new Reply(200, JSON.createObjectNode().put("ok", true).set("result", handler.apply(params(exchange, body))));
        } catch (ApiError e) {
            return error(e);
        } finally {
            lock.unlock();
        }
    }

    private static Reply error(ApiError e) {
        ObjectNode body = JSON.createObjectNode().put("ok", false).put("error_code", e.status)
                .put("description", e.getMessage());
        if (!e.parameters.isEmpty()) {
            body.set("parameters", e.parameters);
        }
        return new Reply(e.status, body);
    }

    private void throwScriptedFailure(String method) {
        Deque<Failure> queued = failures.get(method);
        Failure failure = queued == null ? null : queued.poll();
        if (failure != null && failure.status() == 0) {
            return; // a call scripted to pass, before a scripted failure
        }
        if (failure != null) {
            ApiError error = new ApiError(failure.status(), failure.description());
            throw failure.retryAfter() == null ? error : error.with("retry_after", failure.retryAfter());
        }
        Faults.Fault fault = faults != null && faultyMethods.contains(method) ? faults.next() : null;
        if (fault == Faults.Fault.RATE_LIMITED) {
            throw new ApiError(429, "Too Many Requests: retry after " + retryAfterSeconds)
                    .with("retry_after", retryAfterSeconds);
        }
        if (fault == Faults.Fault.SERVER_ERROR) {
            throw new ApiError(500, "Internal Server Error");
        }
    }

    // ---------------------------------------------------------------- parameters

    private static ObjectNode params(HttpExchange exchange, byte[] body) {
        ObjectNode params = JSON.createObjectNode();
        putForm(params, exchange.getRequestURI().getRawQuery());
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        String type = contentType.toLowerCase(Locale.ROOT);
        if (body.length == 0) {
            return params;
        }
        if (type.startsWith("application/json")) {
            putJson(params, body);
        } else if (type.startsWith("multipart/form-data")) {
            Matcher boundary = BOUNDARY.matcher(contentType);
            if (boundary.find()) {
                multipartFields(body, boundary.group(1)).forEach((name, value) -> putValue(params, name, value));
            }
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            putForm(params, new String(body, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static void putJson(ObjectNode params, byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json instanceof ObjectNode object) {
                params.setAll(object);
            }
        } catch (JacksonException e) {
            throw new ApiError(400, "Bad Request: can't parse JSON object");
        }
    }

    private static void putForm(ObjectNode params, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            putValue(params, name, value);
        }
    }

    /** Form values are strings; JSON-serialized ones (reply_markup, commands, ...) are stored parsed. */
    private static void putValue(ObjectNode params, String name, String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}") || trimmed.startsWith("[") && trimmed.endsWith("]")) {
            try {
                params.set(name, JSON.readTree(trimmed));
                return;
            } catch (JacksonException notJson) {
                // keep it as a string
            }
        }
        params.put(name, value);
    }

    /** The text fields of a multipart/form-data body; file parts are skipped. */
    private static Map<String, String> multipartFields(byte[] body, String boundary) {
        Map<String, String> fields = new LinkedHashMap<>();
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : raw.split(Pattern.quote("--" + boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            Matcher name = PART_NAME.matcher(headers);
            if (!name.find() || headers.toLowerCase(Locale.ROOT).contains("filename=")) {
                continue;
            }
            String value = part.substring(headersEnd + 4);
            value = value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value;
            fields.put(name.group(1), new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String string(ObjectNode params, String name) {
        JsonNode node = params.get(name);
        return node == null || node.isNull() || node.isContainer() ? null : node.asString();
    }

    private static long number(ObjectNode params, String name, long fallback) {
        JsonNode node = params.get(name);
        if (node == null || node.isNull() || node.isString() && node.asString().isBlank()) {
            return fallback;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        try {
            return Long.parseLong(node.asString().strip());
        } catch (NumberFormatException | JacksonException e) {
            throw new ApiError(400, "Bad Request: invalid " + name + " specified");
        }
    }

    private static boolean flag(ObjectNode params, String name) {
        JsonNode node = params.get(name);
        return node != null && (node.isBoolean() ? node.booleanValue() : "true".equalsIgnoreCase(node.asString()));
    }

    private static long chatId(ObjectNode params) {
        String chatId = string(params, "chat_id");
        if (chatId == null || chatId.isBlank()) {
            throw new ApiError(400, "Bad Request: chat_id is empty");
        }
        try {
            return Long.parseLong(chatId.strip());
        } catch (NumberFormatException e) {
            throw new ApiError(400, "Bad Request: chat not found");
        }
    }

    private static String languageCode(ObjectNode params) {
        String code = string(params, "language_code");
        return code == null ? "" : code;
    }

    // ---------------------------------------------------------------- methods

    private JsonNode deleteWebhook(ObjectNode params) {
        webhook = null;
        if (flag(params, "drop_pending_updates")) {
            pending.clear();
        }
        return JSON.booleanNode(true);
    }

    private JsonNode setWebhook(ObjectNode params) {
        String url = string(params, "url");
        String secret = string(params, "secret_token");
        if (secret != null && !SECRET_TOKEN.matcher(secret).matches()) {
            throw new ApiError(400, "Bad Request: secret token contains unallowed characters");
        }
        if (url == null || url.isBlank()) {
            return deleteWebhook(params);
        }
        webhook = JSON.createObjectNode().put("url", url);
        if (secret != null) {
            webhook.put("secret_token", secret);
        }
        if (flag(params, "drop_pending_updates")) {
            pending.clear();
        }
        return JSON.booleanNode(true);
    }

    private JsonNode webhookInfo() {
        return JSON.createObjectNode().put("url", webhook == null ? "" : webhook.path("url").asString())
                .put("has_custom_certificate", false).put("pending_update_count", pending.size());
    }

    private JsonNode getUpdates(ObjectNode params) {
        if (webhook != null) {
            throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                    + "use deleteWebhook to delete the webhook first");
        }
        if (activePoll != null) {
            throw new ApiError(409, POLL_CONFLICT);
        }
        long offset = number(params, "offset", 0);
        long limit = Math.max(1, Math.min(100, number(params, "limit", 100)));
        long waitMillis = Math.min(MAX_POLL_MILLIS, Math.max(0, number(params, "timeout", 0)) * 1000);
        confirm(offset);
        awaitUpdates(waitMillis);
        ArrayNode result = JSON.createArrayNode();
        pending.stream().limit(limit).forEach(update -> result.add(update.deepCopy()));
        return result;
    }

    /** Drops for good the updates an offset confirms: those with a lower update_id. */
    private void confirm(long offset) {
        if (offset > 0) {
            pending.removeIf(update -> update.path("update_id").asLong() < offset);
            confirmedOffset = Math.max(confirmedOffset, offset);
        }
    }

    /** Long polling: waits (releasing the lock) until an update is pending, the time is up or the server stops. */
    private void awaitUpdates(long waitMillis) {
        Object poll = new Object();
        activePoll = poll;
        long generation = serverGeneration;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        try {
            while (pending.isEmpty() && generation == serverGeneration) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                changed.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (activePoll == poll) {
                activePoll = null;
            }
        }
    }

    private JsonNode sendMessage(ObjectNode params) {
        long chatId = chatId(params);
        checkReachable(chatId);
        String text = visibleText(params);
        checkInlineKeyboard(params.path("reply_markup"));
        ObjectNode message = message(chatId, nextMessageId(chatId), bot.deepCopy()).put("text", text);
        JsonNode replyTo = replyTarget(params, chatId);
        if (replyTo != null) {
            message.set("reply_to_message", replyTo);
        }
        if (params.path("reply_markup").has("inline_keyboard")) {
            message.set("reply_markup", params.get("reply_markup").deepCopy());
        }
        store(message);
        ObjectNode record = params.deepCopy().put("chat_id", chatId);
        sent.add(record.put("message_id", message.get("message_id").longValue()));
        sentByChat.computeIfAbsent(chatId, id -> new ArrayList<>()).add(record);
        onSent.accept(record);
        return message.deepCopy();
    }

    private JsonNode editMessageText(ObjectNode params) {
        String text = visibleText(params);
        if (string(params, "inline_message_id") != null) {
            edits.add(params.deepCopy());
            return JSON.booleanNode(true);
        }
        long chatId = chatId(params);
        long messageId = number(params, "message_id", 0);
        if (messageId == 0) {
            throw new ApiError(400, "Bad Request: message identifier is not specified");
        }
        knownOrBotMessage(chatId, messageId);
        ObjectNode message = messages.get(key(chatId, messageId));
        JsonNode markup = params.get("reply_markup");
        if (text.equals(message.path("text").asString(null)) && Objects.equals(markup, message.get("reply_markup"))) {
            throw new ApiError(400, "Bad Request: message is not modified: specified new message content and reply "
                    + "markup are exactly the same as a current content and reply markup of the message");
        }
        message.put("text", text).put("edit_date", now());
        if (markup != null && markup.has("inline_keyboard")) {
            message.set("reply_markup", markup.deepCopy());
        } else {
            message.remove("reply_markup");
        }
        edits.add(params.deepCopy().put("chat_id", chatId));
        return message.deepCopy();
    }

    private JsonNode answerCallbackQuery(ObjectNode params) {
        String id = string(params, "callback_query_id");
        if (id == null || !openCallbackIds.remove(id)) {
            throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
        }
        callbackAnswers.add(params.deepCopy());
        return JSON.booleanNode(true);
    }

    private JsonNode setMyCommands(ObjectNode params) {
        JsonNode list = params.get("commands");
        if (list == null || !list.isArray()) {
            throw new ApiError(400, "Bad Request: parameter \"commands\" is required");
        }
        for (JsonNode command : list) {
            if (!COMMAND.matcher(command.path("command").asString("")).matches()) {
                throw new ApiError(400, "Bad Request: BOT_COMMAND_INVALID");
            }
        }
        commands.put(languageCode(params), list.deepCopy());
        return JSON.booleanNode(true);
    }

    private JsonNode commandsFor(String languageCode) {
        JsonNode set = commands.get(languageCode);
        return set == null ? JSON.createArrayNode() : set.deepCopy();
    }

    private JsonNode deleteMyCommands(ObjectNode params) {
        commands.remove(languageCode(params));
        return JSON.booleanNode(true);
    }

    private JsonNode sendChatAction(ObjectNode params) {
        long chatId = chatId(params);
        checkReachable(chatId);
        String action = string(params, "action");
        if (action == null || action.isBlank()) {
            throw new ApiError(400, "Bad Request: wrong parameter action in request");
        }
        return JSON.booleanNode(true);
    }

    private void checkReachable(long chatId) {
        if (blockedChats.contains(chatId)) {
            throw new ApiError(403, "Forbidden: bot was blocked by the user");
        }
        Long newChatId = migratedChats.get(chatId);
        if (newChatId != null) {
            throw new ApiError(400, "Bad Request: group chat was upgraded to a supergroup chat")
                    .with("migrate_to_chat_id", newChatId);
        }
    }

    /** The text as the user will see it; checks emptiness, length and (with parse_mode HTML) the markup. */
    private static String visibleText(ObjectNode params) {
        String text = string(params, "text");
        text = text == null ? "" : text;
        String visible = "html".equalsIgnoreCase(string(params, "parse_mode")) ? parseHtml(text) : text;
        if (visible.isBlank()) {
            throw new ApiError(400, "Bad Request: message text is empty");
        }
        if (visible.length() > MAX_TEXT_LENGTH) {
            throw new ApiError(400, "Bad Request: message is too long");
        }
        return visible;
    }

    /**
     * Inline keyboard buttons as the Bot API takes them: a label, and either a URL (HTTP or
     * {@code tg://}, nothing else) or callback data of 1 to 64 bytes.
     */
    private static void checkInlineKeyboard(JsonNode markup) {
        for (JsonNode row : markup.path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (button.path("text").asString("").isEmpty()) {
                    throw new ApiError(400, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
                }
                if (button.has("url")) {
                    if (!button.path("url").asString("").matches("(?i)(https?://[^\\s/]+\\S*|tg://\\S+)")) {
                        throw new ApiError(400, "Bad Request: BUTTON_URL_INVALID");
                    }
                } else {
                    int bytes = button.path("callback_data").asString("").getBytes(StandardCharsets.UTF_8).length;
                    if (bytes < 1 || bytes > 64) {
                        throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
                    }
                }
            }
        }
    }

    /** The known message that reply_parameters (or the older reply_to_message_id) refers to, or null. */
    private JsonNode replyTarget(ObjectNode params, long chatId) {
        long messageId = params.get("reply_parameters") instanceof ObjectNode reply
                ? number(reply, "message_id", 0) : number(params, "reply_to_message_id", 0);
        ObjectNode target = messages.get(key(chatId, messageId));
        return target == null ? null : target.deepCopy();
    }

    // ---------------------------------------------------------------- HTML check

    /** Checks Telegram's HTML subset and returns the visible text; throws "can't parse entities" on errors. */
    static String parseHtml(String html) {
        StringBuilder visible = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '&') {
                i = appendEntity(html, i, visible);
            } else if (c == '<') {
                i = readTag(html, i, open);
            } else {
                visible.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw entityError("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return visible.toString();
    }

    private static int appendEntity(String html, int at, StringBuilder visible) {
        Matcher entity = HTML_ENTITY.matcher(html).region(at, html.length());
        if (!entity.lookingAt()) {
            throw entityError("Character '&' is reserved and must be escaped with \"&amp;\" at byte offset "
                    + byteOffset(html, at));
        }
        String name = entity.group(1);
        switch (name) {
            case "lt" -> visible.append('<');
            case "gt" -> visible.append('>');
            case "amp" -> visible.append('&');
            case "quot" -> visible.append('"');
            default -> {
                int codePoint = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                if (!Character.isValidCodePoint(codePoint)) {
                    throw entityError("Invalid numeric entity at byte offset " + byteOffset(html, at));
                }
                visible.appendCodePoint(codePoint);
            }
        }
        return entity.end();
    }

    /** Reads one start or end tag at {@code at}, tracking nesting in {@code open}; returns the index after it. */
    private static int readTag(String html, int at, Deque<String> open) {
        boolean end = html.startsWith("</", at);
        int nameStart = at + (end ? 2 : 1);
        int nameEnd = nameStart;
        while (nameEnd < html.length() && (Character.isLetterOrDigit(html.charAt(nameEnd)) || html.charAt(nameEnd) == '-')) {
            nameEnd++;
        }
        String name = html.substring(nameStart, nameEnd).toLowerCase(Locale.ROOT);
        int close = html.indexOf('>', nameEnd);
        long offset = byteOffset(html, at);
        if (!end && !HTML_TAGS.contains(name)) {
            throw entityError("Unsupported start tag \"" + name + "\" at byte offset " + offset);
        }
        if (close < 0) {
            throw entityError("Unclosed " + (end ? "end" : "start") + " tag at byte offset " + offset);
        }
        String attributes = html.substring(nameEnd, close).strip();
        if (end) {
            closeTag(name, attributes, offset, open);
        } else {
            if (name.equals("span") && !attributes.matches("(?i)class\\s*=\\s*[\"']?tg-spoiler[\"']?")) {
                throw entityError("Tag \"span\" must have class \"tg-spoiler\" at byte offset " + offset);
            }
            open.push(name);
        }
        return close + 1;
    }

    private static void closeTag(String name, String attributes, long offset, Deque<String> open) {
        if (!attributes.isEmpty()) {
            throw entityError("Unclosed end tag at byte offset " + offset);
        }
        if (open.isEmpty()) {
            throw entityError("Unexpected end tag at byte offset " + offset);
        }
        if (!open.peek().equals(name)) {
            throw entityError("Unmatched end tag at byte offset " + offset + ", expected \"</" + open.peek()
                    + ">\", found \"</" + name + ">\"");
        }
        open.pop();
    }

    private static long byteOffset(String text, int index) {
        return text.substring(0, index).getBytes(StandardCharsets.UTF_8).length;
    }

    private static ApiError entityError(String detail) {
        return new ApiError(400, "Bad Request: can't parse entities: " + detail);
    }

    // ---------------------------------------------------------------- users, chats, messages, updates

    private long enqueue(String kind, ObjectNode payload) {
        ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdateId++);
        update.set(kind, payload);
        return add(update);
    }

    private long add(ObjectNode update) {
        for (String kind : List.of("message", "edited_message", "channel_post", "edited_channel_post")) {
            if (update.path(kind).path("message_id").isIntegralNumber()) { // a fuzzed update may carry anything
                store((ObjectNode) update.get(kind));
            }
        }
        JsonNode query = update.path("callback_query");
        if (query.has("id")) {
            openCallbackIds.add(query.get("id").asString());
        }
        pending.add(update);
        changed.signalAll();
        JsonNode id = update.path("update_id");
        return id.isIntegralNumber() ? id.longValue() : -1;
    }

    private ObjectNode rememberUser(long userId, String firstName) {
        ObjectNode user = JSON.createObjectNode().put("id", userId).put("is_bot", false)
                .put("first_name", firstName).put("language_code", "de");
        users.put(userId, user);
        return user.deepCopy();
    }

    private ObjectNode userFor(long userId) {
        ObjectNode user = users.get(userId);
        return user != null ? user.deepCopy() : rememberUser(userId, userId == ADMIN_USER_ID ? "Admin" : "User " + userId);
    }

    private static ObjectNode privateChat(ObjectNode user) {
        return JSON.createObjectNode().put("id", user.get("id").longValue()).put("type", "private")
                .put("first_name", user.get("first_name").asString());
    }

    private static ObjectNode groupChat(long chatId, String type) {
        return JSON.createObjectNode().put("id", chatId).put("type", type).put("title", "Group " + chatId);
    }

    private ObjectNode chat(long chatId) {
        ObjectNode chat = chats.computeIfAbsent(chatId, id -> id > 0
                ? JSON.createObjectNode().put("id", id).put("type", "private")
                : groupChat(id, "supergroup"));
        return chat.deepCopy();
    }

    private ObjectNode message(long chatId, long messageId, ObjectNode from) {
        ObjectNode message = JSON.createObjectNode().put("message_id", messageId);
        message.set("from", from);
        message.set("chat", chat(chatId));
        return message.put("date", now());
    }

    private ObjectNode incomingMessage(long chatId, ObjectNode from) {
        return message(chatId, nextMessageId(chatId), from);
    }

    /** A stored message, or a (stored, text-less) bot message with that id made up for tests that refer to one. */
    private ObjectNode knownOrBotMessage(long chatId, long messageId) {
        if (!messages.containsKey(key(chatId, messageId))) {
            store(message(chatId, messageId, bot.deepCopy()));
        }
        return messages.get(key(chatId, messageId)).deepCopy();
    }

    private void store(ObjectNode message) {
        if (!message.path("chat").path("id").isIntegralNumber()) {
            return; // a fuzzed message without a chat the fake could file it under
        }
        long chatId = message.path("chat").path("id").asLong();
        long messageId = message.get("message_id").longValue();
        messages.put(key(chatId, messageId), message.deepCopy());
        lastMessageIds.merge(chatId, messageId, Math::max);
    }

    private long nextMessageId(long chatId) {
        return lastMessageIds.merge(chatId, 1L, Long::sum);
    }

    private static String key(long chatId, long messageId) {
        return chatId + ":" + messageId;
    }

    // ---------------------------------------------------------------- helpers

    private void queueFailure(String method, Failure failure) {
        locked(() -> failures.computeIfAbsent(method.toLowerCase(Locale.ROOT), m -> new ArrayDeque<>()).add(failure));
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static List<JsonNode> copies(List<JsonNode> nodes) {
        return nodes.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }

    private static long parseBotId(String token) {
        int colon = token.indexOf(':');
        try {
            return Long.parseLong(colon < 0 ? token : token.substring(0, colon));
        } catch (NumberFormatException e) {
            return 1_234_567_890L;
        }
    }
}
