package de.ikoe.lotse.matrix;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.support.Settled;
import de.ikoe.lotse.support.TestKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Matrix channel against a fake homeserver on loopback that answers as the Client-Server
 * specification says: invites, direct and group rooms, what the bot must not answer, errors,
 * restarts, and a whole handoff through the counsellors' room. One service syncs with one fake
 * homeserver for the tests that need nothing else (each in rooms of its own, with a person of its
 * own); tests of logging in, restarts and the counsellors' room get a service and a homeserver of
 * their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"lotse.matrix.sync-timeout=1s", "lotse.delivery.backoff=100ms", TestKnowledgeBase.SETTING,
        "lotse.public-url=https://lotse.example.org/"})
class MatrixChannelTests {

    static final String COUNSELLOR = "@berta:example.org";
    static final String BOT = "@lotse:example.org";
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    /** The homeserver of the shared service: started once, it lives as long as the test JVM (and the cached context). */
    private static final FakeHomeserver SHARED = new FakeHomeserver("lotse", "bot-password").start();
    private static final String SHARED_COUNSELLORS_ROOM = counsellorsRoomOn(SHARED);

    @DynamicPropertySource
    static void homeserver(DynamicPropertyRegistry registry) {
        registry.add("lotse.matrix.homeserver", SHARED::url);
        registry.add("lotse.matrix.token", SHARED::issueToken);
        registry.add("lotse.matrix.counsellors.room", () -> SHARED_COUNSELLORS_ROOM);
    }

    private static String counsellorsRoomOn(FakeHomeserver homeserver) {
        String room = homeserver.createRoom(COUNSELLOR);
        homeserver.invite(room, COUNSELLOR);
        return room;
    }

    @TempDir
    Path dataDir;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BotTexts bot;

    FakeHomeserver matrix = SHARED;
    String counsellorsRoom = SHARED_COUNSELLORS_ROOM;
    LotseInstance lotse;
    /** The person of this test. */
    String person;

    @BeforeEach
    void newPerson() {
        person = "@anna" + PEOPLE.incrementAndGet() + ":example.org";
    }

    @AfterEach
    void stop() {
        if (lotse != null) {
            lotse.close();
        }
        if (matrix != SHARED) {
            matrix.close();
        }
    }

    /** A homeserver of this test's own, with its counsellors' room; call before {@link #ownLotse}. */
    private void ownHomeserver() {
        matrix = new FakeHomeserver("lotse", "bot-password").start();
        counsellorsRoom = counsellorsRoomOn(matrix);
    }

    private LotseInstance ownLotse(Map<String, String> extra) {
        return ownLotse(extra, () -> { });
    }

    private LotseInstance ownLotse(Map<String, String> extra, Runnable whenPrepared) {
        assertThat(matrix).as("ownHomeserver() first").isNotSameAs(SHARED);
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        settings.put("lotse.matrix.homeserver", matrix.url());
        settings.put("lotse.matrix.counsellors.room", counsellorsRoom);
        settings.put("lotse.matrix.sync-timeout", "1s");
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.knowledge.dir", TestKnowledgeBase.DIR);
        settings.put("lotse.delivery.backoff", "100ms");
        settings.put("lotse.admin.password", "matrix-admin-password");
        settings.putAll(extra);
        lotse = new LotseInstance(settings).whenPrepared(whenPrepared).start();
        return lotse;
    }

    private LotseInstance ownLotseWithToken() {
        return ownLotse(Map.of("lotse.matrix.token", matrix.issueToken()));
    }

    private JdbcTemplate database() {
        return lotse != null ? lotse.bean(JdbcTemplate.class) : jdbc;
    }

    private List<String> botTextsIn(String room) {
        return matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .map(e -> e.path("content").path("body").asString()).toList();
    }

    private void awaitBotTexts(String room, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(room).size() >= count);
    }

    /** Waits until the event was taken in and everything it caused was sent; returns the bot's texts in the room then. */
    private List<String> settledBotTextsIn(String room, String event) {
        Settled.awaitReceived(database(), "matrix", event);
        return botTextsIn(room);
    }

    private String directRoom() {
        String room = matrix.createRoom(person);
        matrix.invite(room, person);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(room));
        return room;
    }

    @Test
    void anInvitedBotAnswersAPersonWithASourcedAnswerAndNumberedOptions() {
        String room = directRoom();
        matrix.text(room, person, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        JsonNode answer = matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .toList().get(1).path("content");
        assertThat(answer.path("msgtype").asString()).isEqualTo("m.text");
        assertThat(answer.path("body").asString()).contains("Quelle:", "1. Hilfreich", "2. Nicht hilfreich");
        assertThat(answer.path("format").asString()).isEqualTo("org.matrix.custom.html");
        assertThat(answer.path("formatted_body").asString()).contains("<ol><li>Hilfreich</li>");
        matrix.text(room, person, "2");
        awaitBotTexts(room, 3);
        assertThat(botTextsIn(room).get(2)).startsWith(bot.in("de").feedbackSorry());
    }

    @Test
    void aHelloFirstGetsTheWelcomeOnceWithNumberedStarters() {
        Texts de = bot.in("de");
        String room = directRoom();
        String hello = matrix.text(room, person, "Hallo");
        assertThat(settledBotTextsIn(room, hello)).hasSize(1);
        assertThat(botTextsIn(room).get(0)).startsWith(de.welcome())
                .contains("1. " + de.starterFirstSteps(), "3. " + de.starterEvents(), "4. " + de.optionPerson());
        String third = matrix.text(room, person, "3");
        assertThat(settledBotTextsIn(room, third)).hasSize(2);
        assertThat(botTextsIn(room).get(1)).startsWith(de.eventsIntro());
    }

    @Test
    void offersArriveAsCardsInTheFormattedBodyWithEveryAddressInThePlainBody() {
        String room = directRoom();
        String question = matrix.text(room, person, "Gibt es Fortbildungen für Verwaltungen in Jena?");
        settledBotTextsIn(room, question);
        List<JsonNode> bot = matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString())).toList();
        JsonNode answer = bot.get(bot.size() - 1).path("content");
        assertThat(answer.path("format").asString()).isEqualTo("org.matrix.custom.html");
        assertThat(answer.path("formatted_body").asString()).startsWith("<p>Diese Angebote passen zu Ihrer Frage:</p>")
                .contains("<blockquote><p><strong>Fortbildung interkulturelle Kompetenz für Ämter in Jena</strong> "
                        + "<em>(Beispiel)</em><br>Anbieter: Bildungshaus an der Saale<br>Ort: Jena<br>"
                        + "Kosten: 120 Euro pro Person</p><p><a href=\"https://example.org/bildungshaus-saale\">Website</a> · "
                        + "<a href=\"https://lotse.example.org/knowledge/fortbildung-jena-verwaltung?lang=de\">Details</a>"
                        + "</p></blockquote>")
                .contains("<p>Mehr zum Thema: <a href=\"https://lotse.example.org/knowledge/interkulturelle-kompetenz-fortbildung"
                        + "?lang=de\">Fortbildungen zu interkultureller Kompetenz</a></p>")
                .endsWith("<ol><li>Hilfreich</li><li>Nicht hilfreich</li></ol>");
        assertThat(answer.path("body").asString()).contains(String.join("\n",
                        "Fortbildung interkulturelle Kompetenz für Ämter in Jena (Beispiel)",
                        "Anbieter: Bildungshaus an der Saale",
                        "Ort: Jena",
                        "Kosten: 120 Euro pro Person",
                        "Website: https://example.org/bildungshaus-saale",
                        "Details: https://lotse.example.org/knowledge/fortbildung-jena-verwaltung?lang=de"), "1. Hilfreich")
                .doesNotContain("<", "(erfunden)");
    }

    @Test
    void noticesEchoesHistoryAndDuplicatesAreNotAnswered() {
        String room = matrix.createRoom(person);
        matrix.text(room, person, "Was ist IKÖ? (vor dem Beitritt gefragt)");
        matrix.invite(room, person);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(room));
        matrix.notice(room, person, "Ich bin ein anderer Bot");
        String question = matrix.text(room, person, "Was ist die Charta der Vielfalt?");
        matrix.duplicateEvent(room, question);
        awaitBotTexts(room, 2);
        // the duplicate came after the question in the same sync, and the notice before it
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.syncedPast(question));
        assertThat(settledBotTextsIn(room, question)).hasSize(2);
        assertThat(botTextsIn(room).get(1)).contains("Charta");
    }

    @Test
    void inAGroupRoomTheBotAnswersOnlyWhenAddressedAndRepliesToTheQuestion() {
        String room = matrix.createRoom(person, COUNSELLOR);
        matrix.invite(room, person);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(room));
        matrix.text(room, person, "Was ist IKÖ?");
        String asked = matrix.textWithMention(room, person, "Lotse, was ist die Charta der Vielfalt?", BOT);
        awaitBotTexts(room, 2);
        String addressed = matrix.text(room, COUNSELLOR, "!lotse Was ist Leichte Sprache?");
        awaitBotTexts(room, 3);
        assertThat(settledBotTextsIn(room, addressed)).hasSize(3);
        JsonNode reply = matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .filter(e -> e.path("content").path("body").asString().contains("Charta")).findFirst().orElseThrow();
        assertThat(reply.path("content").path("m.relates_to").path("m.in_reply_to").path("event_id").asString())
                .isEqualTo(asked);
        assertThat(botTextsIn(room).get(2)).contains("Leichte Sprache");
    }

    @Test
    void anEncryptedRoomGetsOneNoticeSayingWhereElseToWrite() {
        String room = directRoom();
        matrix.enableEncryption(room);
        matrix.encrypted(room, person);
        String second = matrix.encrypted(room, person);
        awaitBotTexts(room, 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.syncedPast(second));
        assertThat(settledBotTextsIn(room, "encrypted:" + room)).hasSize(2);
        assertThat(botTextsIn(room).get(1)).startsWith(bot.in("de").unreadable("https://thueringer-zentrum-ikoe.de/"));
    }

    @Test
    void aWrongTokenIsReportedOnceAndTheRestOfTheServiceRuns() {
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        Logger bot = (Logger) LoggerFactory.getLogger(MatrixBot.class);
        try {
            ownHomeserver();
            ownLotse(Map.of("lotse.matrix.token", "not-a-token"), () -> bot.addAppender(reports));
            await().atMost(Duration.ofSeconds(10)).until(() -> reports.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("rejects the bot's access token")));
            assertThat(de.ikoe.lotse.support.Http.post(lotse.url("/api/ask"), Map.of("text", "Was ist IKÖ?"), Map.of())
                    .status()).isEqualTo(200);
            // reported, the bot stopped there: the refused request is the last one it made
            assertThat(matrix.requests()).last().asString().contains("whoami");
            assertThat(matrix.requests().stream().filter(r -> r.contains("whoami"))).hasSize(1);
            assertThat(reports.list).filteredOn(e -> e.getLevel() == Level.ERROR).hasSize(1);
        } finally {
            bot.detachAppender(reports);
        }
    }

    @Test
    void withAPasswordTheBotLogsInAgainWhenTheServerForgetsItsToken() {
        ownHomeserver();
        ownLotse(Map.of("lotse.matrix.user", "lotse", "lotse.matrix.password", "bot-password"));
        String room = directRoom();
        matrix.revokeAllTokens();
        matrix.text(room, person, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        assertThat(matrix.requests().stream().filter(r -> r.endsWith("/login")).count()).isGreaterThanOrEqualTo(2);
        assertThat(matrix.loginDevices()).as("one device for the bot, however often it logs in").containsOnly("IKOE_LOTSE");
    }

    @Test
    void rateLimitsAreWaitedOutAndAResendNeverShowsTwice() {
        String room = directRoom();
        matrix.failNext("/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", 300, null);
        matrix.failNext("/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", null, 1);
        String question = matrix.text(room, person, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        assertThat(settledBotTextsIn(room, question)).hasSize(2);
    }

    @Test
    void aRestartResumesWhereTheSyncStoodWithoutAnsweringAnythingTwiceEvenFromALimitedTimeline() {
        ownHomeserver();
        ownLotseWithToken();
        String room = directRoom();
        matrix.text(room, person, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        long loops = syncLoops();
        lotse.close();
        // stopped cleanly: the loop, interrupted in its long poll, has ended when the service has
        await().atMost(Duration.ofSeconds(1)).until(() -> syncLoops() == loops - 1);
        matrix.limitedNext();
        String question = matrix.text(room, person, "Was ist die Charta der Vielfalt?");
        lotse.start();
        awaitBotTexts(room, 3);
        assertThat(settledBotTextsIn(room, question)).hasSize(3);
        assertThat(botTextsIn(room).get(2)).contains("Charta");
    }

    /** As after the homeserver's database was restored: the position the bot holds is refused from then on. */
    @Test
    void aSyncPositionTheHomeserverNoLongerKnowsIsDroppedWithoutAnsweringAnythingTwice() {
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        reports.start();
        Logger log = (Logger) LoggerFactory.getLogger(MatrixBot.class);
        log.addAppender(reports);
        try {
            String room = directRoom();
            String first = matrix.text(room, person, "Was ist IKÖ?");
            assertThat(settledBotTextsIn(room, first)).hasSize(2);
            matrix.unknownNextBatchNext();
            String second = matrix.text(room, person, "Was ist die Charta der Vielfalt?");
            assertThat(settledBotTextsIn(room, second)).hasSize(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> reports.list.stream()
                    .anyMatch(e -> e.getFormattedMessage().contains("refuses the stored sync position")));
            String third = matrix.text(room, person, "Was ist Leichte Sprache?");
            assertThat(settledBotTextsIn(room, third)).hasSize(4);
            assertThat(botTextsIn(room).get(3)).contains("Leichte Sprache");
            assertThat(reports.list).noneMatch(e -> e.getFormattedMessage().contains("restored-"));
        } finally {
            log.detachAppender(reports);
        }
    }

    /**
     * A position refused after a restart: the bot starts over, answers what was written while it was away (for
     * less than a minute), and nothing it answered before.
     */
    @Test
    void aStoredSyncPositionTheHomeserverRefusesAfterARestartIsDroppedWithoutAnsweringAnythingTwice() throws Exception {
        ownHomeserver();
        String token = matrix.issueToken();
        ListAppender<ILoggingEvent> reports = new ListAppender<>();
        Logger log = (Logger) LoggerFactory.getLogger(MatrixBot.class);
        try {
            // each start sets up logging anew, which stops the appenders it finds
            ownLotse(Map.of("lotse.matrix.token", token), () -> {
                reports.start();
                log.addAppender(reports);
            });
            String room = directRoom();
            String first = matrix.text(room, person, "Was ist IKÖ?");
            assertThat(settledBotTextsIn(room, first)).hasSize(2);
            lotse.close();
            try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath(),
                    "sa", "")) {
                assertThat(db.createStatement().executeUpdate(
                        "update channel_cursor set cursor_value = 'no-such-position' where channel = 'matrix'")).isOne();
            }
            String whileAway = matrix.text(room, person, "Was ist die Charta der Vielfalt?");
            lotse.start();
            assertThat(settledBotTextsIn(room, whileAway)).hasSize(3);
            assertThat(botTextsIn(room).get(2)).contains("Charta");
            String after = matrix.text(room, person, "Was ist Leichte Sprache?");
            assertThat(settledBotTextsIn(room, after)).hasSize(4);
            assertThat(botTextsIn(room).get(3)).contains("Leichte Sprache");
            assertThat(reports.list).anyMatch(e -> e.getLevel() == Level.WARN
                            && e.getFormattedMessage().contains("refuses the stored sync position"))
                    .noneMatch(e -> e.getFormattedMessage().contains("no-such-position")
                            || e.getFormattedMessage().contains(token));
        } finally {
            log.detachAppender(reports);
        }
    }

    private static long syncLoops() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("matrix-sync")).count();
    }

    /** A whole handoff: the person in a Matrix room, the counsellor in the counsellors' room, a restart in between. */
    @Test
    void aWholeHandoffThroughTheCounsellorsRoomWithEveryMessageOnce() {
        ownHomeserver();
        ownLotseWithToken();
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(counsellorsRoom));
        String room = directRoom();
        matrix.text(room, person, "Ich möchte mit einer Beraterin sprechen");
        awaitBotTexts(room, 2);
        matrix.text(room, person, "1");
        awaitBotTexts(room, 3);
        matrix.text(room, person, "Jena");
        awaitBotTexts(room, 4);
        matrix.failNext("/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", 200, null);
        matrix.text(room, person, "Wir planen eine Fortbildung für das Bürgeramt");
        awaitBotTexts(room, 5);
        assertThat(botTextsIn(room).get(4)).contains("Platz 1");

        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(counsellorsRoom).stream()
                .anyMatch(t -> t.startsWith("Neues Ticket #")));
        JsonNode announcement = matrix.sentIn(counsellorsRoom).stream()
                .filter(e -> e.path("content").path("body").asString().startsWith("Neues Ticket #")).findFirst().orElseThrow();
        assertThat(announcement.path("content").path("msgtype").asString()).isEqualTo("m.notice");
        assertThat(announcement.path("content").path("body").asString()).contains("Verwaltung", "Jena");
        String ticket = announcement.path("content").path("body").asString().replaceAll("(?s)^Neues Ticket #(\\d+).*", "$1");
        String thread = announcement.path("event_id").asString();

        matrix.text(counsellorsRoom, COUNSELLOR, "!tickets");
        await().atMost(Duration.ofSeconds(20)).until(() -> botTextsIn(counsellorsRoom).stream()
                .anyMatch(t -> t.startsWith("Wartende Tickets:") && t.contains("#" + ticket)));
        matrix.text(counsellorsRoom, COUNSELLOR, "!claim " + ticket);
        awaitBotTexts(room, 6);
        assertThat(botTextsIn(room).get(5)).contains("ist jetzt für Sie da");

        lotse.restart();
        matrix.threadReply(counsellorsRoom, COUNSELLOR, thread, "Guten Tag, hier ist Berta vom Zentrum.");
        awaitBotTexts(room, 7);
        assertThat(botTextsIn(room).get(6)).isEqualTo("Guten Tag, hier ist Berta vom Zentrum.");
        matrix.text(room, person, "Danke, wann haben Sie Zeit?");
        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(counsellorsRoom).stream()
                .anyMatch(t -> t.contains("Danke, wann haben Sie Zeit?")));
        matrix.text(counsellorsRoom, COUNSELLOR, "!close " + ticket + " Termin vereinbart");
        awaitBotTexts(room, 8);
        Settled.await(database());
        assertThat(botTextsIn(room)).hasSize(8).doesNotHaveDuplicates();
        assertThat(botTextsIn(room).get(7)).contains("Die Beratung ist beendet");
        assertThat(botTextsIn(counsellorsRoom).stream().filter(t -> t.contains("Danke, wann haben Sie Zeit?"))).hasSize(1);
    }

    /** As many failures as the room's poster tries in a row: the announcement is left to the event registry. */
    private void ticketWhoseAnnouncementFailsThreeTimesInARow(Map<String, String> settings) {
        ownHomeserver();
        Map<String, String> all = new HashMap<>(settings);
        all.put("lotse.matrix.token", matrix.issueToken());
        ownLotse(all);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(counsellorsRoom));
        String room = directRoom();
        for (int i = 0; i < 3; i++) {
            matrix.failNext(counsellorsRoom + "/send/", 500, "M_UNKNOWN", "Internal server error", null, null);
        }
        handOverToACounsellor(room);
    }

    private void handOverToACounsellor(String room) {
        matrix.text(room, person, "/berater");
        awaitBotTexts(room, 2);
        matrix.text(room, person, "überspringen");
        awaitBotTexts(room, 3);
        matrix.text(room, person, "überspringen");
        awaitBotTexts(room, 4);
        matrix.text(room, person, "Wir planen eine Fortbildung für das Bürgeramt");
        awaitBotTexts(room, 5);
    }

    private long announcements() {
        return botTextsIn(counsellorsRoom).stream().filter(t -> t.startsWith("Neues Ticket #")).count();
    }

    private long triesToPostInTheCounsellorsRoom() {
        return matrix.requests().stream().filter(r -> r.contains(counsellorsRoom + "/send/")).count();
    }

    /** A short rate limit of the room is waited out on the posting thread as the room asks: the next try posts. */
    @Test
    void aShortRateLimitOfTheCounsellorsRoomIsWaitedOutInOrder() {
        String room = directRoom();
        long before = announcements();
        long tries = triesToPostInTheCounsellorsRoom();
        matrix.failNext(counsellorsRoom + "/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", 700, null);
        handOverToACounsellor(room);
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == before + 1);
        Settled.await(database());
        assertThat(announcements()).isEqualTo(before + 1);
        assertThat(triesToPostInTheCounsellorsRoom() - tries).isEqualTo(2);
    }

    /** The room fails every try in a row: the post is left to the event registry, which hands it over again. */
    @Test
    void aPostTheRoomRefusedForAWhileIsMadeLaterAndOnce() {
        ticketWhoseAnnouncementFailsThreeTimesInARow(Map.of("lotse.events.retry-every", "1s",
                "lotse.events.retry-after", "0s"));
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == 1);
        assertThat(triesToPostInTheCounsellorsRoom()).isGreaterThanOrEqualTo(4);
        Settled.await(database());
        assertThat(announcements()).isEqualTo(1);
    }

    /** A post that failed before the service stopped is made after it starts again, once. */
    @Test
    void aPostNotMadeBeforeAStopIsMadeAfterTheRestartOnce() {
        ticketWhoseAnnouncementFailsThreeTimesInARow(Map.of("lotse.events.retry-every", "1h"));
        await().atMost(Duration.ofSeconds(30)).until(() -> triesToPostInTheCounsellorsRoom() == 3);
        assertThat(announcements()).isZero();
        lotse.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == 1);
        Settled.await(database());
        assertThat(announcements()).isEqualTo(1);
    }

    /** Events name what a person wrote without carrying it: a deletion in between leaves nothing to post. */
    @Test
    void aPersonForgottenWhileTheirAnnouncementWaitsLeavesNothingOfTheirsInTheRoom() {
        ticketWhoseAnnouncementFailsThreeTimesInARow(Map.of("lotse.events.retry-every", "1h"));
        await().atMost(Duration.ofSeconds(30)).until(() -> triesToPostInTheCounsellorsRoom() == 3);
        String personRoom = matrix.joinedRooms(BOT).stream().filter(r -> !r.equals(counsellorsRoom)).findFirst().orElseThrow();
        matrix.text(personRoom, person, "/loeschen");
        awaitBotTexts(personRoom, 6);
        matrix.text(personRoom, person, "1");
        awaitBotTexts(personRoom, 7);

        lotse.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(counsellorsRoom).stream()
                .anyMatch(t -> t.contains("zurückgezogen")));
        assertThat(botTextsIn(counsellorsRoom)).noneMatch(t -> t.contains("Bürgeramt"))
                .anyMatch(t -> t.contains("Daten löschen lassen"));
    }
}
