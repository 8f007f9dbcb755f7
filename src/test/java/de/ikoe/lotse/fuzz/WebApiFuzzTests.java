package de.ikoe.lotse.fuzz;

import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.telegram.FakeBotApi;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fuzzes what comes in over HTTP: the web chat API, the counsellors' API and the Telegram
 * webhook, all against one running service. For every input: no 5xx, no error in the log,
 * nothing shown to the person that they should not see, and the next normal message on the
 * same chat is answered.
 */
@AddLifecycleHook(FuzzTries.class)
class WebApiFuzzTests {

    static final String TOKEN = "123456:fuzz-token";
    static final String SECRET = "fuzz-secret";
    static final String CANARY = "Kanarienvogel-7731";
    static final String ADMIN = "fuzz-admin-password";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong USERS = new AtomicLong(500_000);
    private static final AtomicLong UPDATES = new AtomicLong(1);

    static FakeBotApi telegram;
    static LotseInstance lotse;
    static ErrorLog errors;
    static ChatSession held;
    static long heldTicket;

    record ChatSession(String id, String token) {

        Map<String, String> header() {
            return Map.of("X-Chat-Token", token);
        }
    }

    @BeforeContainer
    static void start() {
        errors = ErrorLog.attach();
        telegram = new FakeBotApi(TOKEN, "LotseTestBot").start();
        Map<String, String> settings = new HashMap<>();
        settings.put("lotse.telegram.token", TOKEN);
        settings.put("lotse.telegram.url", telegram.url());
        settings.put("lotse.telegram.mode", "webhook");
        settings.put("lotse.telegram.webhook.secret", SECRET);
        settings.put("lotse.admin.password", ADMIN);
        settings.put("lotse.delivery.backoff", "100ms");
        settings.put("lotse.webchat.rate.sessions-per-address", "1000000");
        settings.put("lotse.webchat.rate.messages-per-address", "1000000");
        settings.put("lotse.webchat.rate.messages-per-session", "1000");
        lotse = new LotseInstance(settings).start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> telegram.calls().stream().filter("setmycommands"::equals).count() >= 3);
        // Another person, whose words must never reach anyone else.
        ChatSession canary = newSession();
        Http.post(url(messages(canary)), Map.of("text", CANARY + " braucht Hilfe in Erfurt"), canary.header());
        holdNewTicket();
    }

    /** A person whose ticket the admin holds, for the counsellors' API. */
    static void holdNewTicket() {
        held = newSession();
        List<Long> before = waitingTickets();
        for (Object body : List.of(Map.of("text", "/berater"), Map.of("option", "skip"), Map.of("option", "skip"),
                Map.of("option", "skip"))) {
            Http.post(url(messages(held)), body, held.header());
        }
        heldTicket = waitingTickets().stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
        assertThat(Http.post(url("/api/counsellor/tickets/" + heldTicket + "/claim"), null, admin()).status()).isEqualTo(200);
    }

    @AfterContainer
    static void stop() {
        if (errors != null) {
            errors.close();
        }
        if (lotse != null) {
            lotse.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    static String url(String path) {
        return lotse.url(path);
    }

    static Map<String, String> admin() {
        return Http.basic("admin", ADMIN);
    }

    static ChatSession newSession() {
        JsonNode created = Http.post(url("/api/chat/sessions"), null, Map.of()).json();
        return new ChatSession(created.path("sessionId").asString(), created.path("token").asString());
    }

    static String messages(ChatSession session) {
        return "/api/chat/sessions/" + session.id() + "/messages";
    }

    static List<Long> waitingTickets() {
        return Http.get(url("/api/counsellor/tickets?status=WAITING"), admin()).json().valueStream()
                .map(t -> t.path("id").asLong()).toList();
    }

    // ---------------------------------------------------------------- web chat

    /** A request to the web chat API: content type and body bytes. */
    record Request(String contentType, byte[] body) {

        String text() {
            String decoded = new String(body, StandardCharsets.UTF_8);
            try {
                JsonNode json = Http.JSON.readTree(decoded);
                return json.path("text").isString() ? json.path("text").asString() : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        String option() {
            try {
                JsonNode json = Http.JSON.readTree(new String(body, StandardCharsets.UTF_8));
                return json.path("option").isString() ? json.path("option").asString() : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return contentType + " " + Show.short_(new String(body, StandardCharsets.UTF_8));
        }
    }

    static Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.just("application/json")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("application/json; charset=ISO-8859-1", "text/plain",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml",
                        "application/json;;", "*/*", "application/merge-patch+json", "application/json; charset=nope",
                        "text/event-stream", "")));
    }

    @Provide
    Arbitrary<Request> chatRequests() {
        Arbitrary<JsonNode> plausible = Arbitraries.oneOf(
                Junk.text().map(NODES::stringNode),
                Arbitraries.of(Junk.INTERNAL_OPTIONS).map(NODES::stringNode),
                Arbitraries.of("de", "en", "fr", "DE", "", "de\u0000").map(NODES::stringNode));
        Arbitrary<byte[]> json = Junk.objectWith(List.of("text", "option", "lang", "clientId"), plausible)
                .map(o -> Http.JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, json),
                net.jqwik.api.Tuple.of(1, Junk.brokenBytes()));
        return Combinators.combine(contentTypes(), body).as(Request::new);
    }

    @Property(tries = 40)
    void webChatMessagesNeverFailAndTheChatGoesOn(@ForAll @Size(min = 1, max = 3) List<@From("chatRequests") Request> requests) {
        ChatSession session = newSession();
        errors.clear();
        java.util.Set<String> offered = new java.util.HashSet<>();
        for (Request request : requests) {
            Raw.Response response = Raw.send("POST", url(messages(session)), request.contentType(), request.body(),
                    session.header());
            assertThat(response.status()).as("status for %s: %s", request, Show.short_(response.body())).isLessThan(500);
            if (response.status() == 200) {
                checkShown(response.json().path("messages"), request.text(),
                        offered.contains(request.option()) ? request.option() : null, request);
                response.json().path("messages").forEach(m -> m.path("options")
                        .forEach(o -> offered.add(o.path("value").asString())));
            } else {
                assertThat(response.json()).as("a reason for %s", request).isNotNull();
                assertThat(response.json().path("detail").asString("")).as("a reason for %s", request).isNotBlank();
                Leaks.check(response.body(), null, List.of(CANARY), request);
            }
        }
        assertAnswered(session, requests);
        errors.assertNone(requests);
    }

    @Property(tries = 10)
    void theChatHistoryTakesAnyQuery(@ForAll("queries") String query) {
        ChatSession session = newSession();
        errors.clear();
        Raw.Response response = Raw.send("GET", url(messages(session) + "?" + query), null, null, session.header());
        assertThat(response.status()).as("status for ?%s", query).isLessThan(500);
        Raw.Response stream = Raw.send("GET", url("/api/chat/sessions/" + session.id() + "/stream?" + query
                + "&token=x"), null, null, Map.of());
        assertThat(stream.status()).as("stream status for ?%s", query).isLessThan(500);
        assertAnswered(session, query);
        errors.assertNone(query);
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.of("0", "-1", "1", "abc", "1.5", "1e3", "99999999999999999999", "%FF",
                "%00", "%E2%80%AE", "%F0%9F%98%80", "", "+", "%2B1", "0x10", "2147483648", "%C3");
        Arbitrary<String> name = Arbitraries.of("after", "token", "AFTER", "after[]", "lang", "x", "");
        return Combinators.combine(name, value).as((n, v) -> n + "=" + v).list().ofMinSize(1).ofMaxSize(3)
                .map(parts -> String.join("&", parts));
    }

    /**
     * Every message shown to the person: no insides, no one else's words, and a button they chose
     * ({@code option}, one the bot offered) shown by its label, not its value. An option value
     * that was never offered is the client's own invention and comes back as it was sent.
     */
    static void checkShown(JsonNode shown, String ownText, String option, Object input) {
        for (JsonNode message : shown) {
            String text = message.path("text").asString("");
            if ("user".equals(message.path("author").asString())) {
                if (option != null && ownText == null) {
                    assertThat(Junk.INTERNAL_OPTIONS).as("the person's choice shown as %s for %s", text, input)
                            .doesNotContain(text.strip());
                }
                assertThat(text).as("another person's words for %s", input).doesNotContain(CANARY);
            } else {
                Leaks.check(text, ownText, List.of(CANARY), input);
            }
        }
    }

    /** A normal question on the same chat gets a reply from the bot (or a counsellor's note). */
    static void assertAnswered(ChatSession session, Object input) {
        Http.Response normal = Http.post(url(messages(session)), Map.of("text", "Was ist IKÖ?"), session.header());
        assertThat(normal.status()).as("a normal question after %s", input).isEqualTo(200);
        List<JsonNode> shown = normal.json().path("messages").valueStream().toList();
        assertThat(shown).as("a reply to a normal question after %s", input)
                .anySatisfy(m -> assertThat(m.path("author").asString()).isNotEqualTo("user"));
        checkShown(normal.json().path("messages"), "Was ist IKÖ?", null, input);
    }

    // ---------------------------------------------------------------- counsellors' API

    /** A call to the counsellors' API. */
    record Call(String method, String path, String contentType, byte[] body) {

        @Override
        public String toString() {
            return method + " " + path + " " + contentType + " "
                    + (body == null ? "-" : Show.short_(new String(body, StandardCharsets.UTF_8)));
        }
    }

    @Provide
    Arbitrary<Call> counsellorCalls() {
        Arbitrary<String> junkId = Arbitraries.of("0", "-1", "99999999999999999999", "abc", "1.5", "%20", "%00",
                "9223372036854775807", "%E2%80%AE", "1e3", "+1", "0x1", "999999");
        Arbitrary<String> status = Arbitraries.of("WAITING", "waiting", "CLAIMED", "", "%00", "%FF", "CLOSED,WAITING",
                "DROP%20TABLE", "%E2%80%AEGNITIAW");
        Arbitrary<String> path = Arbitraries.oneOf(
                status.map(s -> "?status=" + s),
                junkId.map(id -> "/" + id),
                junkId.map(id -> "/" + id + "/claim"),
                junkId.map(id -> "/" + id + "/close"),
                junkId.map(id -> "/" + id + "/messages"),
                junkId.map(id -> "/" + id + "/conversation"),
                Arbitraries.just("/" + heldTicket + "/messages"),
                Arbitraries.just("/" + heldTicket + "/messages"),
                Arbitraries.just("/" + heldTicket),
                Arbitraries.just(""));
        Arbitrary<JsonNode> plausible = Junk.text().map(NODES::stringNode);
        Arbitrary<byte[]> body = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Junk.objectWith(List.of("text", "note"), plausible)
                        .map(o -> Http.JSON.writeValueAsString(o).getBytes(StandardCharsets.UTF_8))),
                net.jqwik.api.Tuple.of(2, Junk.brokenBytes()),
                net.jqwik.api.Tuple.of(1, Arbitraries.just((byte[]) null)));
        Arbitrary<String> method = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.just("POST")),
                net.jqwik.api.Tuple.of(2, Arbitraries.just("GET")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("PUT", "DELETE", "PATCH")));
        return Combinators.combine(method, path, contentTypes(), body)
                .as((m, p, c, b) -> new Call(m, "/api/counsellor/tickets" + p, c, b));
    }

    @Property(tries = 25)
    void theCounsellorsApiNeverFailsAndTheTicketGoesOn(@ForAll("counsellorCalls") Call call) {
        errors.clear();
        Raw.Response response = Raw.send(call.method(), url(call.path()), call.contentType(), call.body(), admin());
        assertThat(response.status()).as("status for %s: %s", call, Show.short_(response.body())).isLessThan(500);
        // Tomcat itself refuses an encoded NUL in a path with a bare 400, before the application sees it.
        if (response.status() >= 400 && response.status() != 405 && !call.path().contains("%00")) {
            assertThat(response.json()).as("a reason for %s", call).isNotNull();
        }
        Leaks.check(response.body().replace(CANARY, "canary"), null, List.of(), call);
        Http.Response ticket = Http.get(url("/api/counsellor/tickets/" + heldTicket), admin());
        if (ticket.status() != 200 || !"CLAIMED".equals(ticket.json().path("status").asString())) {
            // The call closed or deleted the held ticket (ids such as "+1" name it too): the person
            // is back with the bot, or forgotten; the next tries get a new ticket.
            if (Http.get(url(messages(held)), held.header()).status() == 200) {
                assertAnswered(held, call);
            }
            holdNewTicket();
            errors.assertNone(call);
            return;
        }
        String note = "Noch da? " + System.nanoTime();
        assertThat(Http.post(url("/api/counsellor/tickets/" + heldTicket + "/messages"), Map.of("text", note), admin())
                .status()).as("a normal reply after %s", call).isEqualTo(202);
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Http.get(url(messages(held)), held.header()).json().path("messages").valueStream()
                        .map(m -> m.path("text").asString())).as("the person sees the reply after %s", call)
                .contains(note));
        errors.assertNone(call);
    }

    // ---------------------------------------------------------------- Telegram webhook

    enum Shape { PRIVATE_TEXT, GROUP_TEXT, CALLBACK, EDITED, STICKER, MIGRATION }

    /** A realistic update of the given shape from {@code user}, before mutation. */
    static ObjectNode update(Shape shape, long user, String text) {
        ObjectNode update = NODES.objectNode().put("update_id", UPDATES.getAndIncrement());
        ObjectNode from = NODES.objectNode().put("id", user).put("is_bot", false).put("first_name", "Person")
                .put("language_code", "de");
        ObjectNode message = NODES.objectNode().put("message_id", 10).put("date", 1_700_000_000);
        message.set("from", from);
        boolean group = shape == Shape.GROUP_TEXT || shape == Shape.MIGRATION;
        message.set("chat", NODES.objectNode().put("id", group ? -user : user).put("type", group ? "supergroup" : "private"));
        switch (shape) {
            case PRIVATE_TEXT, GROUP_TEXT -> update.set("message", message.put("text", text));
            case EDITED -> update.set("edited_message", message.put("text", text).put("edit_date", 1_700_000_100));
            case STICKER -> {
                message.putObject("sticker").put("file_id", "x").put("file_unique_id", "y").put("type", "regular")
                        .put("width", 512).put("height", 512).put("is_animated", false).put("is_video", false);
                update.set("message", message);
            }
            case MIGRATION -> update.set("message", message.put("migrate_to_chat_id", -user - 1));
            case CALLBACK -> {
                ObjectNode query = update.putObject("callback_query").put("id", "cb" + user).put("chat_instance", "1")
                        .put("data", text);
                query.set("from", from);
                query.set("message", message.put("text", "Frage").set("from",
                        NODES.objectNode().put("id", 123456).put("is_bot", true).put("first_name", "Lotse")));
            }
        }
        return update;
    }

    @Provide
    Arbitrary<Shape> shapes() {
        return Arbitraries.of(Shape.class);
    }

    @Property(tries = 30)
    void telegramWebhookUpdatesNeverFailAndTheChatGoesOn(@ForAll("shapes") Shape shape, @ForAll("texts") String text,
                                                         @ForAll("mutations") List<Mutation> mutations) {
        long user = USERS.incrementAndGet();
        JsonNode update = Mutation.apply(update(shape, user, text), mutations);
        String input = shape + " " + Show.short_(update);
        errors.clear();
        Raw.Response response = Raw.send("POST", url("/telegram/webhook"), "application/json",
                Http.JSON.writeValueAsBytes(update), Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET));
        assertThat(response.status()).as("status for %s", input).isLessThan(500);
        assertTelegramAnswered(user, text, input);
        errors.assertNone(input);
    }

    @Property(tries = 10)
    void telegramWebhookTakesBrokenBodies(@ForAll("brokenBodies") byte[] body, @ForAll("contentTypes") String type) {
        errors.clear();
        Raw.Response response = Raw.send("POST", url("/telegram/webhook"), type, body,
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET));
        String input = type + " " + Show.short_(new String(body, StandardCharsets.UTF_8));
        assertThat(response.status()).as("status for %s", input).isBetween(400, 499);
        errors.assertNone(input);
    }

    /** Found by the fuzzer: a form body with a character the firewall refuses in a parameter name was a 500. */
    @Example
    void aFormWithARefusedParameterNameIsABadRequest() {
        ChatSession session = newSession();
        Raw.Response response = Raw.send("POST", url(messages(session)), "application/x-www-form-urlencoded",
                "{\"\":\"\u0090\"}".getBytes(StandardCharsets.UTF_8), session.header());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains("not allowed");
        assertAnswered(session, "form");
    }

    /** Found by the fuzzer: Content-Type {@code *}{@code /*} was a 500. */
    @Example
    void aWildcardContentTypeIsRefusedWithAReason() {
        Raw.Response response = Raw.send("POST", url("/telegram/webhook"), "*/*", new byte[0],
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET));
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.json().path("detail").asString()).contains("Content-Type");
    }

    /** Found by the fuzzer: an update without update_id was a 500, and Telegram would have sent it forever. */
    @Example
    void anUpdateWithoutItsIdIsRefusedWithAReason() {
        ObjectNode update = update(Shape.PRIVATE_TEXT, USERS.incrementAndGet(), "");
        update.remove("update_id");
        Raw.Response response = Raw.send("POST", url("/telegram/webhook"), "application/json",
                Http.JSON.writeValueAsBytes(update), Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains("update_id");
    }

    /** Found by the fuzzer: the JSON {@code null} as an update was a 500. */
    @Example
    void aNullUpdateIsRefusedWithAReason() {
        Raw.Response response = Raw.send("POST", url("/telegram/webhook"), "application/json", "null".getBytes(),
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET));
        assertThat(response.status()).isEqualTo(400);
    }

    @Provide
    Arbitrary<byte[]> brokenBodies() {
        return Junk.brokenBytes();
    }

    @Provide("contentTypes")
    Arbitrary<String> contentTypesProvided() {
        return contentTypes();
    }

    @Provide
    Arbitrary<String> texts() {
        return Junk.text();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }

    static void assertTelegramAnswered(long user, String own, Object input) {
        int before = telegram.sentCount(user);
        JsonNode normal = update(Shape.PRIVATE_TEXT, user, "Was ist IKÖ?");
        assertThat(Raw.send("POST", url("/telegram/webhook"), "application/json", Http.JSON.writeValueAsBytes(normal),
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET)).status()).as("a normal update after %s", input)
                .isEqualTo(200);
        await("a reply to a normal question after " + input).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(20))
                .until(() -> telegram.sentCount(user) > before);
        for (JsonNode sent : telegram.sentTo(user)) {
            Leaks.check(sent.path("text").asString(""), own, List.of(CANARY), input);
        }
    }
}
