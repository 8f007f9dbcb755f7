package de.ikoe.lotse.fuzz;

import de.ikoe.lotse.matrix.FakeHomeserver;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.telegram.FakeBotApi;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Assume;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
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
 * Fuzzes what the service reads from the chat networks: generated {@code /sync} bodies from the
 * fake homeserver and generated updates through Telegram long polling, against one running
 * service. After each: no error in the log, nothing shown that the person should not see, and
 * a normal question in the same room or chat is answered.
 */
@AddLifecycleHook(FuzzTries.class)
class ChannelFuzzTests {

    static final String TOKEN = "123456:fuzz-token";
    static final String BOT = "@lotse:example.org";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final AtomicLong COUNTER = new AtomicLong(700_000);

    static FakeBotApi telegram;
    static FakeHomeserver matrix;
    static LotseInstance lotse;
    static ErrorLog errors;

    @BeforeContainer
    static void start() {
        errors = ErrorLog.attach();
        telegram = new FakeBotApi(TOKEN, "LotseTestBot").start();
        matrix = new FakeHomeserver("lotse", "bot-password").start();
        Map<String, String> settings = new HashMap<>();
        settings.put("lotse.telegram.token", TOKEN);
        settings.put("lotse.telegram.url", telegram.url());
        settings.put("lotse.matrix.homeserver", matrix.url());
        settings.put("lotse.matrix.token", matrix.issueToken());
        settings.put("lotse.matrix.sync-timeout", "1s");
        settings.put("lotse.delivery.backoff", "100ms");
        lotse = new LotseInstance(settings).start();
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.calls().contains("getupdates")
                && matrix.requests().stream().anyMatch(r -> r.contains("/sync")));
    }

    @AfterContainer
    static void stop() {
        if (errors != null) {
            errors.close();
        }
        if (lotse != null) {
            lotse.close();
        }
        if (matrix != null) {
            matrix.close();
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    // ---------------------------------------------------------------- Matrix

    enum Extra { NONE, OWN_EVENT, DUPLICATE_ID, ENCRYPTED, NOTICE, LONG_NEXT_BATCH, NO_NEXT_BATCH, INVITE, SECOND_ROOM }

    /** A /sync body as a homeserver sends it: the person's message in their room, plus one oddity. */
    static ObjectNode sync(String room, String person, String text, Extra extra) {
        long n = COUNTER.incrementAndGet();
        ObjectNode body = NODES.objectNode().put("next_batch", "fz" + n);
        ObjectNode rooms = body.putObject("rooms");
        ObjectNode joined = rooms.putObject("join").putObject(room);
        ArrayNode events = joined.putObject("timeline").put("limited", false).putArray("events");
        joined.putObject("summary").put("m.joined_member_count", 2);
        ObjectNode message = events.addObject().put("event_id", "$fz" + n).put("type", "m.room.message")
                .put("sender", person).put("origin_server_ts", 1_700_000_000_000L);
        message.putObject("content").put("msgtype", "m.text").put("body", text);
        switch (extra) {
            case OWN_EVENT -> events.add(message.deepCopy().put("sender", BOT).put("event_id", "$own" + n));
            case DUPLICATE_ID -> events.add(message.deepCopy());
            case ENCRYPTED -> events.addObject().put("event_id", "$enc" + n).put("type", "m.room.encrypted")
                    .put("sender", person).putObject("content").put("algorithm", "m.megolm.v1.aes-sha2");
            case NOTICE -> ((ObjectNode) message.get("content")).put("msgtype", "m.notice");
            case LONG_NEXT_BATCH -> body.put("next_batch", "s".repeat(5000));
            case NO_NEXT_BATCH -> body.remove("next_batch");
            case INVITE -> rooms.putObject("invite").putObject("!" + "x".repeat(300) + ":example.org");
            case SECOND_ROOM -> rooms.withObject("join").putObject("!" + text + ":example.org")
                    .putObject("timeline").putArray("events").add(message.deepCopy().put("event_id", "$2nd" + n));
            default -> {
            }
        }
        return body;
    }

    @Provide
    Arbitrary<Extra> extras() {
        return Arbitraries.of(Extra.class);
    }

    @Provide
    Arbitrary<String> texts() {
        return Junk.text();
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.some();
    }

    @Property(tries = 15)
    void matrixSyncBodiesNeverStopTheBot(@ForAll("texts") String text, @ForAll("extras") Extra extra,
                                         @ForAll("mutations") List<Mutation> mutations) {
        String person = "@p" + COUNTER.incrementAndGet() + ":example.org";
        String room = matrix.createRoom(person, BOT);
        JsonNode body = Mutation.apply(sync(room, person, text, extra), mutations);
        String input = extra + " " + Show.short_(body);
        errors.clear();
        int served = matrix.rawSyncsServed();
        matrix.serveRawSync(Http.JSON.writeValueAsBytes(body));
        await("the fuzzed sync is served").pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(20))
                .until(() -> matrix.rawSyncsServed() > served);
        assertMatrixAnswered(room, person, text, input);
        errors.assertNone(input);
    }

    @Property(tries = 3)
    void matrixSyncBodiesThatAreNotJsonNeverStopTheBot(@ForAll("brokenBodies") byte[] body) {
        String person = "@p" + COUNTER.incrementAndGet() + ":example.org";
        String room = matrix.createRoom(person, BOT);
        String input = Show.short_(new String(body, StandardCharsets.UTF_8));
        errors.clear();
        int served = matrix.rawSyncsServed();
        matrix.serveRawSync(body);
        await("the broken sync is served").pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(20))
                .until(() -> matrix.rawSyncsServed() > served);
        assertMatrixAnswered(room, person, null, input);
        errors.assertNone(input);
    }

    /** Found by the fuzzer: a next_batch of {@code false} was stored as "false" and every later sync was refused. */
    @net.jqwik.api.Example
    void aSyncWithANextBatchThatIsNoStringDoesNotStopTheBot() {
        String person = "@p" + COUNTER.incrementAndGet() + ":example.org";
        String room = matrix.createRoom(person, BOT);
        ObjectNode body = sync(room, person, "Hallo", Extra.NONE);
        body.put("next_batch", false);
        int served = matrix.rawSyncsServed();
        matrix.serveRawSync(Http.JSON.writeValueAsBytes(body));
        await().atMost(Duration.ofSeconds(20)).until(() -> matrix.rawSyncsServed() > served);
        assertMatrixAnswered(room, person, "Hallo", body);
    }

    /** Found by the fuzzer: a body that is not JSON was logged as an error in handling the events. */
    @net.jqwik.api.Example
    void aSyncThatIsNotJsonIsAWarningNotAnError() {
        String person = "@p" + COUNTER.incrementAndGet() + ":example.org";
        String room = matrix.createRoom(person, BOT);
        errors.clear();
        int served = matrix.rawSyncsServed();
        matrix.serveRawSync(new byte[]{0});
        await().atMost(Duration.ofSeconds(20)).until(() -> matrix.rawSyncsServed() > served);
        assertMatrixAnswered(room, person, null, "NUL");
        errors.assertNone("NUL");
    }

    /** Found by the fuzzer: one update the library could not read (first_name: [null]) stopped long polling for good. */
    @net.jqwik.api.Example
    void anUpdateTheLibraryCannotReadIsSkipped() {
        long user = COUNTER.incrementAndGet();
        ObjectNode update = WebApiFuzzTests.update(WebApiFuzzTests.Shape.PRIVATE_TEXT, user, "Hallo");
        ((ObjectNode) update.get("message").get("from")).putArray("first_name").addNull();
        int before = telegram.sentCount(user);
        telegram.update(update);
        telegram.privateMessage(user, "Person", "Was ist IKÖ?");
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentCount(user) > before);
    }

    /** Found by the fuzzer: callback data of 30,000 characters could not be stored and stopped long polling for good. */
    @net.jqwik.api.Example
    void aCallbackWithOverlongDataIsSkipped() {
        long user = COUNTER.incrementAndGet();
        ObjectNode update = WebApiFuzzTests.update(WebApiFuzzTests.Shape.CALLBACK, user, "\u0000".repeat(30_000));
        int before = telegram.sentCount(user);
        errors.clear();
        telegram.update(update);
        telegram.privateMessage(user, "Person", "Was ist IKÖ?");
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentCount(user) > before);
        errors.assertNone("callback data of 30,000 NULs");
    }

    @Provide
    Arbitrary<byte[]> brokenBodies() {
        return Junk.brokenBytes();
    }

    static List<String> botTexts(String room) {
        return matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .map(e -> e.path("content").path("body").asString("")).toList();
    }

    static void assertMatrixAnswered(String room, String person, String own, Object input) {
        int before = botTexts(room).size();
        matrix.text(room, person, "Was ist IKÖ?");
        await("a reply to a normal question after " + input).pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(30)).until(() -> botTexts(room).size() > before);
        for (String sent : botTexts(room)) {
            Leaks.check(sent, own, List.of(), input);
        }
    }

    // ---------------------------------------------------------------- Telegram long polling

    @Provide
    Arbitrary<WebApiFuzzTests.Shape> shapes() {
        return Arbitraries.of(WebApiFuzzTests.Shape.class);
    }

    @Property(tries = 15)
    void telegramUpdatesByLongPollingNeverStopTheBot(@ForAll("shapes") WebApiFuzzTests.Shape shape,
                                                     @ForAll("texts") String text,
                                                     @ForAll("mutations") List<Mutation> mutations) {
        long user = COUNTER.incrementAndGet();
        JsonNode update = Mutation.apply(WebApiFuzzTests.update(shape, user, text), mutations);
        String input = shape + " " + Show.short_(update);
        errors.clear();
        int before = telegram.sentCount(user);
        try {
            telegram.update(update instanceof ObjectNode o ? o : NODES.objectNode());
        } catch (RuntimeException fakeRefused) {
            // the fake Bot API cannot keep an update without a numeric chat id; nothing reached the service
            Assume.that(false);
        }
        telegram.privateMessage(user, "Person", "Was ist IKÖ?");
        await("a reply to a normal question after " + input).pollInterval(Duration.ofMillis(20))
                .atMost(Duration.ofSeconds(30)).until(() -> telegram.sentCount(user) > before);
        for (JsonNode sent : telegram.sentTo(user)) {
            Leaks.check(sent.path("text").asString(""), text, List.of(), input);
        }
        errors.assertNone(input);
    }
}
