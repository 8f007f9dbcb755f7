package de.ikoe.lotse.telegram;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.support.Settled;
import de.ikoe.lotse.support.TestKnowledgeBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Telegram channel against a fake Bot API server on loopback, driven by the real
 * TelegramBots client: conversations, commands, callbacks, groups, failures, restarts. One service
 * polls one fake server for all tests of this class (each test in chats of its own); the webhook
 * and the restart get a service and a fake server of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = {"lotse.telegram.token=" + TelegramChannelTests.TOKEN, "lotse.delivery.backoff=100ms",
        TestKnowledgeBase.SETTING, "lotse.public-url=" + TelegramChannelTests.PUBLIC_URL})
class TelegramChannelTests {

    static final String TOKEN = "123456:test-token";
    static final String PUBLIC_URL = "https://lotse.example.org";
    static final String ADMIN_PASSWORD = "telegram-admin-password";
    private static final AtomicLong CHATS = new AtomicLong(1000);

    /** The fake server of the shared service: started once, it lives as long as the test JVM (and the cached context). */
    private static final FakeBotApi SHARED = new FakeBotApi(TOKEN, "LotseTestBot").start();

    @DynamicPropertySource
    static void telegramServer(DynamicPropertyRegistry registry) {
        registry.add("lotse.telegram.url", SHARED::url);
    }

    @TempDir
    Path dataDir;
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BotTexts bot;

    FakeBotApi telegram = SHARED;
    LotseInstance lotse;
    /** A person of this test only: her private chat has her user id. */
    long anna;

    @BeforeEach
    void newPerson() {
        anna = CHATS.incrementAndGet();
    }

    @AfterEach
    void stop() {
        if (lotse != null) {
            lotse.close();
        }
        if (telegram != SHARED) {
            telegram.close();
        }
    }

    /** A service and a fake server of this test's own, for a different mode or a restart. */
    private LotseInstance ownLotse(Map<String, String> extra) {
        telegram = new FakeBotApi(TOKEN, "LotseTestBot").start();
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        settings.put("lotse.telegram.token", TOKEN);
        settings.put("lotse.telegram.url", telegram.url());
        settings.put("lotse.admin.password", ADMIN_PASSWORD);
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.knowledge.dir", TestKnowledgeBase.DIR);
        settings.put("lotse.delivery.backoff", "100ms");
        settings.putAll(extra);
        lotse = new LotseInstance(settings).start();
        return lotse;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Map<String, String> admin() {
        return Http.basic("admin", "admin-password-for-tests");
    }

    private List<String> textsTo(long chat) {
        return telegram.sentTo(chat).stream().map(m -> m.path("text").asString()).toList();
    }

    private void awaitTexts(long chat, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> telegram.sentTo(chat).size() >= count);
    }

    /** Waits until the update was taken in and everything it caused was sent; returns the texts to the chat then. */
    private List<String> settledTextsTo(JdbcTemplate jdbc, long update, long chat) {
        Settled.awaitReceived(jdbc, "telegram", "update:" + update);
        return textsTo(chat);
    }

    /** What the shared service sent to the chat once the update was taken in and everything it caused was sent. */
    private List<JsonNode> settledSentTo(long update, long chat) {
        Settled.awaitReceived(jdbc, "telegram", "update:" + update);
        return telegram.sentTo(chat);
    }

    private List<Long> waitingTickets(String url, Map<String, String> admin) {
        return Http.get(url, admin).json().valueStream().map(t -> t.path("id").asLong()).toList();
    }

    @Test
    void aPrivateQuestionGetsASourcedAnswerWithOptionsAndTheCommandsAreRegistered() {
        telegram.privateMessage(anna, "Anna", "Was ist IKÖ?");
        awaitTexts(anna, 2);
        List<JsonNode> sent = telegram.sentTo(anna);
        assertThat(sent.get(0).path("text").asString()).contains("IKÖ-Lotse");
        JsonNode answer = sent.get(1);
        assertThat(answer.path("parse_mode").asString()).isEqualTo("HTML");
        assertThat(answer.path("text").asString()).contains("Quelle:");
        assertThat(answer.path("reply_markup").toString()).contains("feedback:yes", "feedback:no");
        assertThat(telegram.calls()).contains("deletewebhook", "getupdates");
        assertThat(telegram.commands("de").toString()).contains("hilfe", "berater", "abbrechen", "datenschutz", "loeschen")
                .contains(bot.in("de").commandDescription(Command.COUNSELLOR));
        assertThat(telegram.commands("en").toString()).contains("help", "counsellor", "cancel", "privacy", "delete")
                .contains(bot.in("en").commandDescription(Command.COUNSELLOR));
    }

    /** /start in a new chat: the welcome once, with starters; a starter acts; a spent button only gets a polite word. */
    @Test
    void startGreetsOnceWithStartersAndAnOldButtonIsNotActedOn() {
        Texts de = bot.in("de");
        long start = telegram.privateMessage(anna, "Anna", "/start");
        List<JsonNode> sent = settledSentTo(start, anna);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).path("text").asString()).isEqualTo(de.welcome());
        assertThat(sent.get(0).path("reply_markup").toString()).contains(de.starterFirstSteps(), de.starterOffers(),
                de.starterEvents(), de.optionPerson(), "\"events\"", "\"handoff\"");
        long welcome = sent.get(0).path("message_id").asLong();

        long events = telegram.callback(anna, "events", welcome);
        // the events, each a card with its own buttons and so a message of its own
        int sentSoFar = settledSentTo(events, anna).size();
        assertThat(sentSoFar).isGreaterThan(1);
        assertThat(textsTo(anna).get(1)).startsWith(de.eventsIntro());
        assertThat(textsTo(anna).subList(1, sentSoFar)).noneMatch(de.welcome()::equals);

        // the same button of the welcome, pressed again: spent
        long again = telegram.callback(anna, "handoff", welcome);
        assertThat(settledSentTo(again, anna)).hasSize(sentSoFar + 1);
        assertThat(textsTo(anna).get(sentSoFar)).as("no intake begins").isEqualTo(de.staleOption());
    }

    /** The inline keyboard's buttons of a message the bot sent: row by row, each as text → url or callback data. */
    private static List<List<String>> buttons(JsonNode message) {
        return message.path("reply_markup").path("inline_keyboard").valueStream()
                .map(row -> row.valueStream().map(b -> b.path("text").asString() + " → "
                        + (b.has("url") ? b.path("url").asString() : b.path("callback_data").asString())).toList())
                .toList();
    }

    @Test
    void offersArriveAsCardsInHtmlWithTheirLinksAsUrlButtons() {
        long question = telegram.privateMessage(anna, "Anna", "Gibt es Fortbildungen für Verwaltungen in Jena?");
        Settled.awaitReceived(jdbc, "telegram", "update:" + question);
        List<JsonNode> answer = telegram.sentTo(anna).subList(1, telegram.sentTo(anna).size());
        assertThat(answer).isNotEmpty().allSatisfy(m -> assertThat(m.path("parse_mode").asString()).isEqualTo("HTML"));

        JsonNode card = answer.get(0);
        assertThat(card.path("text").asString()).startsWith("Diese Angebote passen zu Ihrer Frage:\n\n")
                .contains("<b>Fortbildung interkulturelle Kompetenz für Ämter in Jena</b> <i>(Beispiel)</i>",
                        "\nAnbieter: Bildungshaus an der Saale\n", "\nOrt: Jena\n", "\nKosten: 120 Euro pro Person")
                .doesNotContain("(erfunden)", "example.org", "Quelle:");
        assertThat(card.path("text").asString().split("Beispiel", -1)).as("marked as an example once").hasSize(2);
        assertThat(buttons(card)).containsExactly(List.of("Website → https://example.org/bildungshaus-saale",
                "Details → " + PUBLIC_URL + "/knowledge/fortbildung-jena-verwaltung?lang=de"));

        // the quick options under the last message, after what the answer says last
        JsonNode last = answer.get(answer.size() - 1);
        assertThat(buttons(last)).endsWith(List.of("Hilfreich → feedback:yes"), List.of("Nicht hilfreich → feedback:no"));
        assertThat(telegram.sentTo(anna).get(telegram.sentTo(anna).size() - 1).path("text").asString())
                .contains("Mehr zum Thema: <a href=\"" + PUBLIC_URL
                        + "/knowledge/interkulturelle-kompetenz-fortbildung?lang=de\">Fortbildungen zu interkultureller Kompetenz</a>");
    }

    @Test
    void aButtonAddressTelegramRefusesSendsTheCardAsTextWithItsAddressesOnce() {
        long hello = telegram.privateMessage(anna, "Anna", "Hallo");
        Settled.awaitReceived(jdbc, "telegram", "update:" + hello);
        int before = telegram.sentTo(anna).size();
        telegram.failNext("sendMessage", 400, "Bad Request: BUTTON_URL_INVALID");
        long question = telegram.privateMessage(anna, "Anna", "Gibt es Fortbildungen für Verwaltungen in Jena?");
        Settled.awaitReceived(jdbc, "telegram", "update:" + question);
        JsonNode card = telegram.sentTo(anna).get(before);
        assertThat(card.path("text").asString()).contains("Fortbildung interkulturelle Kompetenz für Ämter in Jena",
                "Website: https://example.org/bildungshaus-saale");
        assertThat(buttons(card)).isEmpty();
        assertThat(telegram.sentTo(anna).stream().filter(m -> m.path("text").asString().contains("Ämter in Jena")))
                .as("sent once").hasSize(1);
    }

    @Test
    void anEventIsACardWithItsRegistrationAndWithoutThePlaceTwice() {
        long question = telegram.privateMessage(anna, "Anna", "Wann ist das nächste Vernetzungstreffen?");
        Settled.awaitReceived(jdbc, "telegram", "update:" + question);
        JsonNode card = telegram.sentTo(anna).stream()
                .filter(m -> m.path("text").asString().contains("Vernetzungstreffen in Erfurt")).findFirst().orElseThrow();
        assertThat(card.path("text").asString())
                .contains("<b>Vernetzungstreffen in Erfurt (März 2027)</b> <i>(Beispiel)</i>",
                        "\nTermin: Do., 18.3.2027, 13:00–17:00 Uhr\n", "\nAnbieter: Netzwerk Beispielstadt\n",
                        "\nAnmelden: treffen@example.org")
                .doesNotContain("Ort: Erfurt");
        assertThat(buttons(card)).containsExactly(
                List.of("Details → " + PUBLIC_URL + "/knowledge/vernetzungstreffen-erfurt-2027-03?lang=de"));
    }

    @Test
    void aCallbackIsAnsweredAndActedOn() {
        telegram.privateMessage(anna, "Anna", "Was ist IKÖ?");
        awaitTexts(anna, 2);
        int answeredBefore = telegram.callbackAnswers().size();
        telegram.callback(anna, "feedback:no", telegram.sentTo(anna).get(1).path("message_id").asLong());
        awaitTexts(anna, 3);
        assertThat(telegram.callbackAnswers()).hasSize(answeredBefore + 1);
        assertThat(textsTo(anna).get(2)).isEqualTo(bot.in("de").feedbackSorry());
    }

    @Test
    void inGroupsTheBotAnswersOnlyWhenAddressed() {
        long group = -100_000 - anna;
        telegram.groupMessage(group, anna, "Was ist IKÖ?");
        telegram.groupMessage(group, anna, "/hilfe@SomeOtherBot");
        telegram.groupMessage(group, anna, "@LotseTestBot Was ist die Charta der Vielfalt?");
        awaitTexts(group, 2);
        assertThat(textsTo(group).get(1)).contains("Charta");
        long botMessage = telegram.sentTo(group).get(1).path("message_id").asLong();
        telegram.replyToBot(group, anna, "mehr dazu", botMessage);
        long help = telegram.groupMessage(group, anna, "/hilfe@LotseTestBot");
        awaitTexts(group, 4);
        assertThat(settledTextsTo(jdbc, help, group)).hasSize(4);
        assertThat(textsTo(group).get(3)).containsIgnoringCase("Befehle");
    }

    @Test
    void stickersGetAPoliteReplyAndEditsAreIgnored() {
        telegram.sticker(anna);
        awaitTexts(anna, 2);
        assertThat(textsTo(anna).get(1)).isEqualTo(bot.in("de").onlyText());
        telegram.editedMessage(anna, "Was ist IKÖ?");
        long thanks = telegram.privateMessage(anna, "Anna", "Danke");
        awaitTexts(anna, 3);
        assertThat(settledTextsTo(jdbc, thanks, anna)).hasSize(3);
    }

    @Test
    void floodControlServerErrorsAndUnparsableHtmlStillDeliverEachMessageOnce() {
        telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1);
        telegram.failNext("sendMessage", 500, "Internal Server Error");
        telegram.failNext("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag");
        long question = telegram.privateMessage(anna, "Anna", "Was ist IKÖ?");
        awaitTexts(anna, 2);
        assertThat(settledTextsTo(jdbc, question, anna)).hasSize(2);
        assertThat(textsTo(anna).get(0)).contains("IKÖ-Lotse");
        assertThat(textsTo(anna).get(1)).contains("Quelle:");
    }

    @Test
    void aBlockedBotStopsSendingToThatChat() {
        telegram.blockChat(anna);
        long first = telegram.privateMessage(anna, "Anna", "Was ist IKÖ?");
        Settled.awaitReceived(jdbc, "telegram", "update:" + first);
        long tries = telegram.calls().stream().filter("sendmessage"::equals).count();
        long second = telegram.privateMessage(anna, "Anna", "Was ist die Charta der Vielfalt?");
        Settled.awaitReceived(jdbc, "telegram", "update:" + second);
        assertThat(telegram.calls().stream().filter("sendmessage"::equals).count()).isEqualTo(tries);
        assertThat(textsTo(anna)).isEmpty();
    }

    @Test
    void theWebhookNeedsItsSecretAndIsRegisteredAtStart() {
        LotseInstance service = ownLotse(Map.of("lotse.telegram.mode", "webhook", "lotse.telegram.webhook.secret", "s3cret",
                "lotse.telegram.webhook.url", "https://lotse.example.org/telegram/webhook"));
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.webhook() != null);
        assertThat(telegram.webhook().path("url").asString()).isEqualTo("https://lotse.example.org/telegram/webhook");
        assertThat(telegram.webhook().path("secret_token").asString()).isEqualTo("s3cret");
        String update = """
                {"update_id":77,"message":{"message_id":5,"date":1700000000,
                 "chat":{"id":%d,"type":"private"},"from":{"id":%d,"is_bot":false,"first_name":"Anna"},
                 "text":"Was ist IKÖ?"}}""".formatted(anna, anna);
        assertThat(Http.post(service.url("/telegram/webhook"), update, Map.of()).status()).isEqualTo(401);
        assertThat(Http.post(service.url("/telegram/webhook"), update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", "wrong")).status()).isEqualTo(401);
        assertThat(Http.post(service.url("/telegram/webhook"), update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", "s3cret")).status()).isEqualTo(200);
        assertThat(Http.post(service.url("/telegram/webhook"), update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", "s3cret")).status()).isEqualTo(200);
        awaitTexts(anna, 2);
        assertThat(settledTextsTo(service.bean(JdbcTemplate.class), 77, anna)).hasSize(2);
    }

    @Test
    void aGroupThatBecomesASupergroupKeepsItsConversation() {
        long group = -anna;
        long supergroup = -1_000_000_000_000L - anna;
        telegram.groupMessage(group, anna, "/berater@LotseTestBot");
        awaitTexts(group, 2);
        telegram.migrate(group, supergroup);
        telegram.groupMessage(supergroup, anna, "/abbrechen@LotseTestBot");
        awaitTexts(supergroup, 1);
        assertThat(textsTo(supergroup).get(0)).isEqualTo(bot.in("de").cancelled());
        assertThat(textsTo(supergroup)).doesNotContain(bot.in("de").welcome());
    }

    @Test
    void thePollerRecoversAfterTheServerWasAway() {
        telegram.privateMessage(anna, "Anna", "Hallo");
        awaitTexts(anna, 1);
        telegram.stopServer();
        telegram.privateMessage(anna, "Anna", "Was ist IKÖ?");
        telegram.startServer();
        awaitTexts(anna, 2);
        assertThat(textsTo(anna).get(1)).contains("Quelle:");
    }

    /**
     * The whole handoff on Telegram, with 429 and 500 at times and the service stopped and
     * started again twice in the middle (while the person is in the intake, and after a counsellor
     * took the case): every message arrives exactly once.
     */
    @Test
    void aWholeHandoffSurvivesFailuresAndARestartWithEveryMessageOnce() {
        ownLotse(Map.of());
        telegram.privateMessage(anna, "Anna", "Was ist IKÖ?");
        awaitTexts(anna, 2);
        telegram.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1);
        telegram.privateMessage(anna, "Anna", "/berater");
        awaitTexts(anna, 3);
        telegram.callback(anna, "verwaltung", telegram.sentTo(anna).get(2).path("message_id").asLong());
        awaitTexts(anna, 4);

        lotse.restart();
        telegram.failNext("sendMessage", 500, "Internal Server Error");
        telegram.privateMessage(anna, "Anna", "Erfurt");
        awaitTexts(anna, 5);
        telegram.privateMessage(anna, "Anna", "Wir möchten unser Bürgeramt interkulturell öffnen");
        awaitTexts(anna, 6);
        assertThat(textsTo(anna).get(5)).contains("Platz 1");

        Map<String, String> admin = Http.basic("admin", ADMIN_PASSWORD);
        JsonNode waiting = Http.get(lotse.url("/api/counsellor/tickets?status=WAITING"), admin).json();
        long ticket = waiting.get(0).path("id").asLong();
        assertThat(waiting.get(0).path("channel").asString()).isEqualTo("telegram");
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin).status()).isEqualTo(200);
        lotse.restart();
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/messages"),
                Map.of("text", "Guten Tag, hier ist Anna vom Zentrum."), admin).status()).isEqualTo(202);
        awaitTexts(anna, 8);
        telegram.privateMessage(anna, "Anna", "Wann haben Sie Zeit für ein Gespräch?");
        await().atMost(Duration.ofSeconds(20)).until(() -> Http.get(lotse.url("/api/counsellor/tickets/" + ticket), admin)
                .json().path("transcript").toString().contains("Wann haben Sie Zeit"));
        assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/close"), Map.of("note", "Termin"), admin)
                .status()).isEqualTo(200);
        awaitTexts(anna, 9);
        Settled.await(lotse.bean(JdbcTemplate.class));
        List<String> texts = textsTo(anna);
        assertThat(texts).hasSize(9).doesNotHaveDuplicates();
        Texts de = lotse.bean(BotTexts.class).in("de");
        assertThat(texts.get(6)).isEqualTo(de.counsellorJoined("Administrator"));
        assertThat(texts.get(7)).isEqualTo("Guten Tag, hier ist Anna vom Zentrum.");
        assertThat(texts.get(8)).isEqualTo(de.counsellorLeft());
    }

    /**
     * A counsellor's reply too long for one Telegram message goes out in two parts; when the second
     * fails, the retry sends only the second: the first part arrives once.
     */
    @Test
    void aSplitMessageWhoseSecondPartFailsIsCompletedWithoutRepeatingTheFirst() {
        List<Long> waitingBefore = waitingTickets(url("/api/counsellor/tickets?status=WAITING"), admin());
        telegram.privateMessage(anna, "Anna", "/berater");
        awaitTexts(anna, 2);
        telegram.privateMessage(anna, "Anna", "überspringen");
        awaitTexts(anna, 3);
        telegram.privateMessage(anna, "Anna", "überspringen");
        awaitTexts(anna, 4);
        telegram.privateMessage(anna, "Anna", "Eine Schulung für das Team");
        awaitTexts(anna, 5);
        long ticket = waitingTickets(url("/api/counsellor/tickets?status=WAITING"), admin()).stream()
                .filter(id -> !waitingBefore.contains(id)).findFirst().orElseThrow();
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin()).status()).isEqualTo(200);
        awaitTexts(anna, 6);

        StringBuilder reply = new StringBuilder("Erster Teil.\n\n");
        for (int i = 1; reply.length() < 3900; i++) {
            reply.append("Absatz ").append(i).append(" mit Hinweisen zu Fortbildungen für Ihr Team.\n\n");
        }
        reply.append("Zweiter Teil, Ende.");
        telegram.failAfter("sendMessage", 1, 500, "Internal Server Error");
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/messages"), Map.of("text", reply.toString()),
                admin()).status()).isEqualTo(202);
        awaitTexts(anna, 8);
        Settled.await(jdbc);
        List<String> texts = textsTo(anna);
        assertThat(texts).hasSize(8);
        assertThat(texts.get(6)).startsWith("Erster Teil.").doesNotContain("Zweiter Teil");
        assertThat(texts.get(7)).endsWith("Zweiter Teil, Ende.");
        assertThat((texts.get(6) + texts.get(7)).replaceAll("\\s+", "")).isEqualTo(reply.toString().replaceAll("\\s+", ""));
    }
}
