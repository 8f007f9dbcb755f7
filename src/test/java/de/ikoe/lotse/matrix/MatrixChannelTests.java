package de.ikoe.lotse.matrix;

import de.ikoe.lotse.support.LotseInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Matrix channel against a fake homeserver on loopback that answers as the Client-Server
 * specification says: invites, direct and group rooms, what the bot must not answer, errors,
 * restarts, and a whole handoff through the counsellors' room.
 */
class MatrixChannelTests {

    static final String PERSON = "@anna:example.org";
    static final String COUNSELLOR = "@berta:example.org";
    static final String BOT = "@lotse:example.org";

    @TempDir
    Path dataDir;

    FakeHomeserver matrix;
    LotseInstance lotse;
    String counsellorsRoom;

    @BeforeEach
    void start() {
        matrix = new FakeHomeserver("lotse", "bot-password").start();
        counsellorsRoom = matrix.createRoom(COUNSELLOR);
        matrix.invite(counsellorsRoom, COUNSELLOR);
    }

    @AfterEach
    void stop() {
        if (lotse != null) {
            lotse.close();
        }
        matrix.close();
    }

    private LotseInstance lotse(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        settings.put("lotse.matrix.homeserver", matrix.url());
        settings.put("lotse.matrix.counsellors.room", counsellorsRoom);
        settings.put("lotse.matrix.sync-timeout", "1s");
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.delivery.backoff", "100ms");
        settings.put("lotse.admin.password", "matrix-admin-password");
        settings.putAll(extra);
        lotse = new LotseInstance(settings).start();
        return lotse;
    }

    private LotseInstance lotseWithToken() {
        return lotse(Map.of("lotse.matrix.token", matrix.issueToken()));
    }

    private List<String> botTextsIn(String room) {
        return matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .map(e -> e.path("content").path("body").asString()).toList();
    }

    private void awaitBotTexts(String room, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(room).size() >= count);
    }

    private String directRoom() {
        String room = matrix.createRoom(PERSON);
        matrix.invite(room, PERSON);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(room));
        return room;
    }

    @Test
    void anInvitedBotAnswersAPersonWithASourcedAnswerAndNumberedOptions() {
        lotseWithToken();
        String room = directRoom();
        matrix.text(room, PERSON, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        JsonNode answer = matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .toList().get(1).path("content");
        assertThat(answer.path("msgtype").asString()).isEqualTo("m.text");
        assertThat(answer.path("body").asString()).contains("Quelle:", "1. Hilfreich", "2. Nicht hilfreich");
        assertThat(answer.path("format").asString()).isEqualTo("org.matrix.custom.html");
        assertThat(answer.path("formatted_body").asString()).contains("<ol><li>Hilfreich</li>");
        matrix.text(room, PERSON, "2");
        awaitBotTexts(room, 3);
        assertThat(botTextsIn(room).get(2)).contains("Schade");
    }

    @Test
    void noticesEchoesHistoryAndDuplicatesAreNotAnswered() {
        String room = matrix.createRoom(PERSON);
        matrix.text(room, PERSON, "Was ist IKÖ? (vor dem Beitritt gefragt)");
        lotseWithToken();
        matrix.invite(room, PERSON);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(room));
        matrix.notice(room, PERSON, "Ich bin ein anderer Bot");
        String question = matrix.text(room, PERSON, "Was ist die Charta der Vielfalt?");
        matrix.duplicateEvent(room, question);
        awaitBotTexts(room, 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> botTextsIn(room).size() == 2);
        assertThat(botTextsIn(room).get(1)).contains("Charta");
    }

    @Test
    void inAGroupRoomTheBotAnswersOnlyWhenAddressedAndRepliesToTheQuestion() {
        lotseWithToken();
        String room = matrix.createRoom(PERSON, COUNSELLOR);
        matrix.invite(room, PERSON);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(room));
        matrix.text(room, PERSON, "Was ist IKÖ?");
        String asked = matrix.textWithMention(room, PERSON, "Lotse, was ist die Charta der Vielfalt?", BOT);
        awaitBotTexts(room, 2);
        matrix.text(room, COUNSELLOR, "!lotse Was ist Leichte Sprache?");
        awaitBotTexts(room, 3);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> botTextsIn(room).size() == 3);
        JsonNode reply = matrix.sentIn(room).stream().filter(e -> BOT.equals(e.path("sender").asString()))
                .filter(e -> e.path("content").path("body").asString().contains("Charta")).findFirst().orElseThrow();
        assertThat(reply.path("content").path("m.relates_to").path("m.in_reply_to").path("event_id").asString())
                .isEqualTo(asked);
        assertThat(botTextsIn(room).get(2)).contains("Leichte Sprache");
    }

    @Test
    void anEncryptedRoomGetsOneNoticeSayingWhereElseToWrite() {
        lotseWithToken();
        String room = directRoom();
        matrix.enableEncryption(room);
        matrix.encrypted(room, PERSON);
        matrix.encrypted(room, PERSON);
        awaitBotTexts(room, 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> botTextsIn(room).size() == 2);
        assertThat(botTextsIn(room).get(1)).contains("verschlüsselt");
    }

    @Test
    void aWrongTokenIsReportedOnceAndTheRestOfTheServiceRuns() {
        lotse(Map.of("lotse.matrix.token", "not-a-token"));
        await().atMost(Duration.ofSeconds(10)).until(() -> matrix.requests().stream().anyMatch(r -> r.contains("whoami")));
        int requests = matrix.requests().size();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> matrix.requests().size() == requests);
        assertThat(de.ikoe.lotse.support.Http.post(lotse.url("/api/ask"), Map.of("text", "Was ist IKÖ?"), Map.of())
                .status()).isEqualTo(200);
    }

    @Test
    void withAPasswordTheBotLogsInAgainWhenTheServerForgetsItsToken() {
        lotse(Map.of("lotse.matrix.user", "lotse", "lotse.matrix.password", "bot-password"));
        String room = directRoom();
        matrix.revokeAllTokens();
        matrix.text(room, PERSON, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        assertThat(matrix.requests().stream().filter(r -> r.endsWith("/login")).count()).isGreaterThanOrEqualTo(2);
        assertThat(matrix.loginDevices()).as("one device for the bot, however often it logs in").containsOnly("IKOE_LOTSE");
    }

    @Test
    void rateLimitsAreWaitedOutAndAResendNeverShowsTwice() {
        lotseWithToken();
        String room = directRoom();
        matrix.failNext("/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", 300, null);
        matrix.failNext("/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", null, 1);
        matrix.text(room, PERSON, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> botTextsIn(room).size() == 2);
    }

    @Test
    void aRestartResumesWhereTheSyncStoodWithoutAnsweringAnythingTwiceEvenFromALimitedTimeline() {
        lotseWithToken();
        String room = directRoom();
        matrix.text(room, PERSON, "Was ist IKÖ?");
        awaitBotTexts(room, 2);
        lotse.close();
        matrix.limitedNext();
        matrix.text(room, PERSON, "Was ist die Charta der Vielfalt?");
        lotse.start();
        awaitBotTexts(room, 3);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> botTextsIn(room).size() == 3);
        assertThat(botTextsIn(room).get(2)).contains("Charta");
    }

    /** A whole handoff: the person in a Matrix room, the counsellor in the counsellors' room. */
    @Test
    void aWholeHandoffThroughTheCounsellorsRoomWithEveryMessageOnce() {
        lotseWithToken();
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(counsellorsRoom));
        String room = directRoom();
        matrix.text(room, PERSON, "Ich möchte mit einer Beraterin sprechen");
        awaitBotTexts(room, 2);
        matrix.text(room, PERSON, "1");
        awaitBotTexts(room, 3);
        matrix.text(room, PERSON, "Jena");
        awaitBotTexts(room, 4);
        matrix.failNext("/send/", 429, "M_LIMIT_EXCEEDED", "Too many requests", 200, null);
        matrix.text(room, PERSON, "Wir planen eine Fortbildung für das Bürgeramt");
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
        matrix.text(room, PERSON, "Danke, wann haben Sie Zeit?");
        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(counsellorsRoom).stream()
                .anyMatch(t -> t.contains("Danke, wann haben Sie Zeit?")));
        matrix.text(counsellorsRoom, COUNSELLOR, "!close " + ticket + " Termin vereinbart");
        awaitBotTexts(room, 8);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> botTextsIn(room).size() == 8);
        assertThat(botTextsIn(room).get(7)).contains("Die Beratung ist beendet");
        assertThat(botTextsIn(room)).doesNotHaveDuplicates();
        assertThat(botTextsIn(counsellorsRoom).stream().filter(t -> t.contains("Danke, wann haben Sie Zeit?"))).hasSize(1);
    }

    /** As many failures as the room's poster tries in a row: the announcement is left to the event registry. */
    private void ticketWhoseAnnouncementFailsThreeTimesInARow(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("lotse.matrix.token", matrix.issueToken());
        lotse(all);
        await().atMost(Duration.ofSeconds(30)).until(() -> matrix.joinedRooms(BOT).contains(counsellorsRoom));
        String room = directRoom();
        for (int i = 0; i < 3; i++) {
            matrix.failNext(counsellorsRoom + "/send/", 500, "M_UNKNOWN", "Internal server error", null, null);
        }
        handOverToACounsellor(room);
    }

    private void handOverToACounsellor(String room) {
        matrix.text(room, PERSON, "/berater");
        awaitBotTexts(room, 2);
        matrix.text(room, PERSON, "überspringen");
        awaitBotTexts(room, 3);
        matrix.text(room, PERSON, "überspringen");
        awaitBotTexts(room, 4);
        matrix.text(room, PERSON, "Wir planen eine Fortbildung für das Bürgeramt");
        awaitBotTexts(room, 5);
    }

    private long announcements() {
        return botTextsIn(counsellorsRoom).stream().filter(t -> t.startsWith("Neues Ticket #")).count();
    }

    private long triesToPostInTheCounsellorsRoom() {
        return matrix.requests().stream().filter(r -> r.contains(counsellorsRoom + "/send/")).count();
    }

    /** The room fails every try in a row: the post is left to the event registry, which hands it over again. */
    @Test
    void aPostTheRoomRefusedForAWhileIsMadeLaterAndOnce() {
        ticketWhoseAnnouncementFailsThreeTimesInARow(Map.of("lotse.events.retry-every", "1s",
                "lotse.events.retry-after", "0s"));
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == 1);
        assertThat(triesToPostInTheCounsellorsRoom()).isGreaterThanOrEqualTo(4);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> announcements() == 1);
    }

    /** A post that failed before the service stopped is made after it starts again, once. */
    @Test
    void aPostNotMadeBeforeAStopIsMadeAfterTheRestartOnce() {
        ticketWhoseAnnouncementFailsThreeTimesInARow(Map.of("lotse.events.retry-every", "1h"));
        await().atMost(Duration.ofSeconds(30)).until(() -> triesToPostInTheCounsellorsRoom() == 3);
        assertThat(announcements()).isZero();
        lotse.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(6)).until(() -> announcements() == 1);
    }

    /** Events name what a person wrote without carrying it: a deletion in between leaves nothing to post. */
    @Test
    void aPersonForgottenWhileTheirAnnouncementWaitsLeavesNothingOfTheirsInTheRoom() {
        ticketWhoseAnnouncementFailsThreeTimesInARow(Map.of("lotse.events.retry-every", "1h"));
        await().atMost(Duration.ofSeconds(30)).until(() -> triesToPostInTheCounsellorsRoom() == 3);
        String personRoom = matrix.joinedRooms(BOT).stream().filter(r -> !r.equals(counsellorsRoom)).findFirst().orElseThrow();
        matrix.text(personRoom, PERSON, "/loeschen");
        awaitBotTexts(personRoom, 6);
        matrix.text(personRoom, PERSON, "1");
        awaitBotTexts(personRoom, 7);

        lotse.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> announcements() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> botTextsIn(counsellorsRoom).stream()
                .anyMatch(t -> t.contains("zurückgezogen")));
        assertThat(botTextsIn(counsellorsRoom)).noneMatch(t -> t.contains("Bürgeramt"))
                .anyMatch(t -> t.contains("Daten löschen lassen"));
    }
}
