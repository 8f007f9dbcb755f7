package de.ikoe.lotse.telegram;

import de.ikoe.lotse.support.Http;
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
 * The Telegram channel against a fake Bot API server on loopback, driven by the real
 * TelegramBots client: conversations, commands, callbacks, groups, failures, restarts.
 */
class TelegramChannelTests {

    static final String TOKEN = "123456:test-token";
    static final String ADMIN_PASSWORD = "telegram-admin-password";
    static final long ANNA = 1001;

    @TempDir
    Path dataDir;

    FakeBotApi telegram;
    LotseInstance lotse;

    @BeforeEach
    void start() {
        telegram = new FakeBotApi(TOKEN, "LotseTestBot").start();
    }

    @AfterEach
    void stop() {
        if (lotse != null) {
            lotse.close();
        }
        telegram.close();
    }

    private LotseInstance lotse(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        settings.put("lotse.telegram.token", TOKEN);
        settings.put("lotse.telegram.url", telegram.url());
        settings.put("lotse.admin.password", ADMIN_PASSWORD);
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.delivery.backoff", "100ms");
        settings.putAll(extra);
        lotse = new LotseInstance(settings).start();
        return lotse;
    }

    private List<String> textsTo(long chat) {
        return telegram.sentTo(chat).stream().map(m -> m.path("text").asString()).toList();
    }

    private void awaitTexts(long chat, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentTo(chat).size() >= count);
    }

    @Test
    void aPrivateQuestionGetsASourcedAnswerWithOptionsAndTheCommandsAreRegistered() {
        lotse(Map.of());
        telegram.privateMessage(ANNA, "Anna", "Was ist IKÖ?");
        awaitTexts(ANNA, 2);
        List<JsonNode> sent = telegram.sentTo(ANNA);
        assertThat(sent.get(0).path("text").asString()).contains("IKÖ-Lotse");
        JsonNode answer = sent.get(1);
        assertThat(answer.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(answer.path("text").asString()).contains("Quelle:");
        assertThat(answer.path("reply_markup").toString()).contains("feedback:yes", "feedback:no");
        assertThat(telegram.calls()).contains("deletewebhook", "getupdates");
        assertThat(telegram.commands("de").toString()).contains("hilfe", "berater", "abbrechen", "datenschutz", "loeschen");
        assertThat(telegram.commands("en").toString()).contains("help", "counsellor", "cancel", "privacy", "delete");
    }

    @Test
    void aCallbackIsAnsweredAndActedOn() {
        lotse(Map.of());
        telegram.privateMessage(ANNA, "Anna", "Was ist IKÖ?");
        awaitTexts(ANNA, 2);
        telegram.callback(ANNA, "feedback:no", telegram.sentTo(ANNA).get(1).path("message_id").asLong());
        awaitTexts(ANNA, 3);
        assertThat(telegram.callbackAnswers()).hasSize(1);
        assertThat(textsTo(ANNA).get(2)).contains("Schade");
    }

    @Test
    void inGroupsTheBotAnswersOnlyWhenAddressed() {
        lotse(Map.of());
        long group = -100500;
        telegram.groupMessage(group, ANNA, "Was ist IKÖ?");
        telegram.groupMessage(group, ANNA, "/hilfe@SomeOtherBot");
        telegram.groupMessage(group, ANNA, "@LotseTestBot Was ist die Charta der Vielfalt?");
        awaitTexts(group, 2);
        assertThat(textsTo(group).get(1)).contains("Charta");
        long botMessage = telegram.sentTo(group).get(1).path("message_id").asLong();
        telegram.replyToBot(group, ANNA, "mehr dazu", botMessage);
        telegram.groupMessage(group, ANNA, "/hilfe@LotseTestBot");
        awaitTexts(group, 4);
        assertThat(textsTo(group)).hasSize(4);
        assertThat(textsTo(group).get(3)).containsIgnoringCase("Befehle");
    }

    @Test
    void stickersGetAPoliteReplyAndEditsAreIgnored() {
        lotse(Map.of());
        telegram.sticker(ANNA);
        awaitTexts(ANNA, 2);
        assertThat(textsTo(ANNA).get(1)).contains("nur Text");
        telegram.editedMessage(ANNA, "Was ist IKÖ?");
        telegram.privateMessage(ANNA, "Anna", "Danke");
        awaitTexts(ANNA, 3);
        assertThat(textsTo(ANNA)).hasSize(3);
    }

    @Test
    void floodControlServerErrorsAndUnparsableHtmlStillDeliverEachMessageOnce() {
        telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1);
        telegram.failNext("sendMessage", 500, "Internal Server Error");
        telegram.failNext("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag");
        lotse(Map.of());
        telegram.privateMessage(ANNA, "Anna", "Was ist IKÖ?");
        awaitTexts(ANNA, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> textsTo(ANNA).size() == 2);
        assertThat(textsTo(ANNA).get(0)).contains("IKÖ-Lotse");
        assertThat(textsTo(ANNA).get(1)).contains("Quelle:");
    }

    @Test
    void aBlockedBotStopsSendingToThatChat() {
        lotse(Map.of());
        telegram.blockChat(ANNA);
        telegram.privateMessage(ANNA, "Anna", "Was ist IKÖ?");
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.calls().stream().filter("sendmessage"::equals).count() >= 1);
        long tries = telegram.calls().stream().filter("sendmessage"::equals).count();
        telegram.privateMessage(ANNA, "Anna", "Was ist die Charta der Vielfalt?");
        await().atMost(Duration.ofSeconds(10)).until(() -> telegram.pendingUpdates() == 0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                telegram.calls().stream().filter("sendmessage"::equals).count() == tries);
    }

    @Test
    void theWebhookNeedsItsSecretAndIsRegisteredAtStart() {
        LotseInstance service = lotse(Map.of("lotse.telegram.mode", "webhook", "lotse.telegram.webhook.secret", "s3cret",
                "lotse.telegram.webhook.url", "https://lotse.example.org/telegram/webhook"));
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.webhook() != null);
        assertThat(telegram.webhook().path("url").asString()).isEqualTo("https://lotse.example.org/telegram/webhook");
        assertThat(telegram.webhook().path("secret_token").asString()).isEqualTo("s3cret");
        String update = """
                {"update_id":77,"message":{"message_id":5,"date":1700000000,
                 "chat":{"id":1001,"type":"private"},"from":{"id":1001,"is_bot":false,"first_name":"Anna"},
                 "text":"Was ist IKÖ?"}}""";
        assertThat(Http.post(service.url("/telegram/webhook"), update, Map.of()).status()).isEqualTo(401);
        assertThat(Http.post(service.url("/telegram/webhook"), update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", "wrong")).status()).isEqualTo(401);
        assertThat(Http.post(service.url("/telegram/webhook"), update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", "s3cret")).status()).isEqualTo(200);
        assertThat(Http.post(service.url("/telegram/webhook"), update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", "s3cret")).status()).isEqualTo(200);
        awaitTexts(ANNA, 2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> textsTo(ANNA).size() == 2);
    }

    @Test
    void aGroupThatBecomesASupergroupKeepsItsConversation() {
        lotse(Map.of());
        long group = -4242;
        long supergroup = -1004242;
        telegram.groupMessage(group, ANNA, "/berater@LotseTestBot");
        awaitTexts(group, 2);
        telegram.migrate(group, supergroup);
        telegram.groupMessage(supergroup, ANNA, "/abbrechen@LotseTestBot");
        awaitTexts(supergroup, 1);
        assertThat(textsTo(supergroup).get(0)).contains("zurückgezogen");
        assertThat(textsTo(supergroup)).noneMatch(t -> t.contains("IKÖ-Lotse, ein automatischer"));
    }

    @Test
    void thePollerRecoversAfterTheServerWasAway() {
        lotse(Map.of());
        telegram.privateMessage(ANNA, "Anna", "Hallo");
        awaitTexts(ANNA, 2);
        telegram.stopServer();
        telegram.privateMessage(ANNA, "Anna", "Was ist IKÖ?");
        telegram.startServer();
        awaitTexts(ANNA, 3);
        assertThat(textsTo(ANNA).get(2)).contains("Quelle:");
    }

    /**
     * The whole handoff on Telegram, with 429 and 500 at times and the service killed and
     * started again in the middle: every message arrives exactly once.
     */
    @Test
    void aWholeHandoffSurvivesFailuresAndARestartWithEveryMessageOnce() {
        lotse(Map.of());
        telegram.privateMessage(ANNA, "Anna", "Was ist IKÖ?");
        awaitTexts(ANNA, 2);
        telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1);
        telegram.privateMessage(ANNA, "Anna", "/berater");
        awaitTexts(ANNA, 3);
        telegram.callback(ANNA, "verwaltung", telegram.sentTo(ANNA).get(2).path("message_id").asLong());
        awaitTexts(ANNA, 4);

        lotse.restart();
        telegram.failNext("sendMessage", 500, "Internal Server Error");
        telegram.privateMessage(ANNA, "Anna", "Erfurt");
        awaitTexts(ANNA, 5);
        telegram.privateMessage(ANNA, "Anna", "Wir möchten unser Bürgeramt interkulturell öffnen");
        awaitTexts(ANNA, 6);
        assertThat(textsTo(ANNA).get(5)).contains("Platz 1");

        Map<String, String> admin = Http.basic("admin", ADMIN_PASSWORD);
        JsonNode waiting = Http.get(lotse.url("/api/counsellor/tickets?status=WAITING"), admin).json();
        long ticket = waiting.get(0).path("id").asLong();
        assertThat(waiting.get(0).path("channel").asString()).isEqualTo("telegram");
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin).status()).isEqualTo(200);
        lotse.restart();
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/messages"),
                Map.of("text", "Guten Tag, hier ist Anna vom Zentrum."), admin).status()).isEqualTo(202);
        awaitTexts(ANNA, 8);
        telegram.privateMessage(ANNA, "Anna", "Wann haben Sie Zeit für ein Gespräch?");
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(lotse.url("/api/counsellor/tickets/" + ticket), admin)
                .json().path("transcript").toString().contains("Wann haben Sie Zeit"));
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/close"), Map.of("note", "Termin"), admin)
                .status()).isEqualTo(200);
        awaitTexts(ANNA, 9);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> textsTo(ANNA).size() == 9);
        List<String> texts = textsTo(ANNA);
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(texts.get(6)).contains("ist jetzt für Sie da");
        assertThat(texts.get(7)).isEqualTo("Guten Tag, hier ist Anna vom Zentrum.");
        assertThat(texts.get(8)).contains("Die Beratung ist beendet");
    }

    /**
     * A counsellor's reply too long for one Telegram message goes out in two parts; when the second
     * fails, the retry sends only the second: the first part arrives once.
     */
    @Test
    void aSplitMessageWhoseSecondPartFailsIsCompletedWithoutRepeatingTheFirst() {
        lotse(Map.of());
        telegram.privateMessage(ANNA, "Anna", "/berater");
        awaitTexts(ANNA, 2);
        telegram.privateMessage(ANNA, "Anna", "überspringen");
        awaitTexts(ANNA, 3);
        telegram.privateMessage(ANNA, "Anna", "überspringen");
        awaitTexts(ANNA, 4);
        telegram.privateMessage(ANNA, "Anna", "Eine Schulung für das Team");
        awaitTexts(ANNA, 5);
        Map<String, String> admin = Http.basic("admin", ADMIN_PASSWORD);
        long ticket = Http.get(lotse.url("/api/counsellor/tickets?status=WAITING"), admin).json().get(0).path("id").asLong();
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin).status()).isEqualTo(200);
        awaitTexts(ANNA, 6);

        StringBuilder reply = new StringBuilder("Erster Teil.\n\n");
        for (int i = 1; reply.length() < 3900; i++) {
            reply.append("Absatz ").append(i).append(" mit Hinweisen zu Fortbildungen für Ihr Team.\n\n");
        }
        reply.append("Zweiter Teil, Ende.");
        telegram.failAfter("sendMessage", 1, 500, "Internal Server Error");
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/messages"), Map.of("text", reply.toString()),
                admin).status()).isEqualTo(202);
        awaitTexts(ANNA, 8);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> textsTo(ANNA).size() == 8);
        List<String> texts = textsTo(ANNA);
        assertThat(texts.get(6)).startsWith("Erster Teil.").doesNotContain("Zweiter Teil");
        assertThat(texts.get(7)).endsWith("Zweiter Teil, Ende.");
        assertThat((texts.get(6) + texts.get(7)).replaceAll("\\s+", "")).isEqualTo(reply.toString().replaceAll("\\s+", ""));
    }
}
