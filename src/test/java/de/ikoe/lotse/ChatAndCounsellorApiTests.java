package de.ikoe.lotse;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.conversation.Texts;
import de.ikoe.lotse.knowledge.KnowledgeVocabulary;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.Http.Response;
import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.support.Settled;
import de.ikoe.lotse.support.SharedApplicationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The web chat and counsellor APIs at their edges: tokens, roles, limits, office hours, reminders. */
@SharedApplicationTest
class ChatAndCounsellorApiTests {

    /** Wednesday 2 December 2026, 10:00 in Erfurt: the office is open. */
    static final Instant OFFICE_TIME = Instant.parse("2026-12-02T09:00:00Z");

    @Autowired
    MutableClock clock;
    @Autowired
    BotTexts bot;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KnowledgeVocabulary vocabulary;

    @LocalServerPort
    int port;

    private String session;
    private String token;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @BeforeEach
    void newSession() {
        clock.set(OFFICE_TIME);
        Response created = Http.post(url("/api/chat/sessions"), null, Map.of());
        session = created.json().path("sessionId").asString();
        token = created.json().path("token").asString();
    }

    private Response send(Object body) {
        return Http.post(url("/api/chat/sessions/" + session + "/messages"), body, Map.of("X-Chat-Token", token));
    }

    private Texts de() {
        return bot.in("de");
    }

    private JsonNode history() {
        return Http.get(url("/api/chat/sessions/" + session + "/messages"), Map.of("X-Chat-Token", token)).json();
    }

    private static List<String> optionValues(JsonNode message) {
        return message.path("options").valueStream().map(o -> o.path("value").asString()).toList();
    }

    private List<String> texts(Response response) {
        return texts(response.json());
    }

    private static List<String> texts(JsonNode messages) {
        return messages.path("messages").valueStream().map(m -> m.path("text").asString()).toList();
    }

    private static Map<String, String> admin() {
        return Http.basic("admin", "admin-password-for-tests");
    }

    private List<Long> waitingTickets() {
        return Http.get(url("/api/counsellor/tickets?status=WAITING"), admin()).json().valueStream()
                .map(t -> t.path("id").asLong()).toList();
    }

    /** Queues this test's session and returns its ticket: the one that was not waiting before. */
    private long queue() {
        List<Long> before = waitingTickets();
        send(Map.of("text", "/berater"));
        send(Map.of("option", "skip"));
        send(Map.of("option", "skip"));
        send(Map.of("option", "skip"));
        return waitingTickets().stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    @Test
    void aWrongOrMissingTokenIsForbiddenAndAnUnknownSessionNotFound() {
        assertThat(Http.post(url("/api/chat/sessions/" + session + "/messages"), Map.of("text", "Hallo"),
                Map.of("X-Chat-Token", "falsch")).status()).isEqualTo(403);
        assertThat(Http.get(url("/api/chat/sessions/" + session + "/messages"), Map.of()).status()).isEqualTo(403);
        assertThat(Http.get(url("/api/chat/sessions/nope/messages"), Map.of("X-Chat-Token", token)).status())
                .isEqualTo(404);
    }

    @Test
    void theFirstMessageBringsTheWelcomeOnceAndAnAnswer() {
        Response response = send(Map.of("text", "Was ist IKÖ?"));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> messages = response.json().path("messages").valueStream().toList();
        assertThat(messages).extracting(m -> m.path("author").asString()).containsExactly("bot", "user", "bot");
        assertThat(messages.get(0).path("text").asString()).isEqualTo(de().welcome())
                .contains("automatische Assistent", "Datenschutz");
        // the answer follows at once: no starters that would be spent before they could be pressed
        assertThat(messages.get(0).path("options")).isEmpty();
        assertThat(messages.get(2).path("sources").get(0).path("id").asString()).isEqualTo("was-ist-ikoe");
        assertThat(messages.get(2).path("options").valueStream().map(o -> o.path("value").asString()))
                .contains("feedback:yes", "feedback:no");
    }

    @Test
    void theChatOpensWithTheWelcomeAndStartersWithoutStoringAnything() {
        JsonNode welcome = Http.get(url("/api/chat/welcome?lang=de"), Map.of()).json();
        assertThat(welcome.path("text").asString()).isEqualTo(de().welcome());
        assertThat(welcome.path("options").valueStream().map(o -> o.path("label").asString()))
                .containsExactly(de().starterFirstSteps(), de().starterOffers(), de().starterEvents(), de().optionPerson());
        assertThat(Http.get(url("/api/chat/welcome?lang=en"), Map.of()).json().path("text").asString())
                .isEqualTo(bot.in("en").welcome()).startsWith("Hello");
        // a language the bot does not speak gets German, by decision
        assertThat(Http.get(url("/api/chat/welcome?lang=fr"), Map.of()).json().path("text").asString())
                .isEqualTo(de().welcome());
        assertThat(history().path("messages")).as("nothing stored for the session yet").isEmpty();
    }

    @Test
    void aStarterPressedFirstGreetsOnceAndIsAnswered() {
        List<JsonNode> messages = send(Map.of("option", "events")).json().path("messages").valueStream().toList();
        assertThat(messages).extracting(m -> m.path("author").asString()).containsExactly("bot", "user", "bot");
        assertThat(messages.get(0).path("text").asString()).isEqualTo(de().welcome());
        assertThat(optionValues(messages.get(0))).containsExactly("ask", "offers", "events", "handoff");
        assertThat(messages.get(1).path("text").asString()).isEqualTo(de().starterEvents());
        assertThat(messages.get(2).path("text").asString()).startsWith(de().eventsIntro());

        // the first starter asks its own words as a question
        send(Map.of("text", "Hallo"));
        List<JsonNode> asked = send(Map.of("option", "ask")).json().path("messages").valueStream().toList();
        assertThat(asked.get(0).path("text").asString()).isEqualTo(de().starterFirstSteps());
        assertThat(asked).hasSize(2);
    }

    @Test
    void aHelloFirstIsAnsweredByTheWelcomeAloneAndALaterHelloIntroducesNothing() {
        List<JsonNode> first = send(Map.of("text", "Hallo")).json().path("messages").valueStream().toList();
        assertThat(first).extracting(m -> m.path("author").asString()).containsExactly("user", "bot");
        assertThat(first.get(1).path("text").asString()).isEqualTo(de().welcome());
        assertThat(optionValues(first.get(1))).hasSize(4);
        List<String> again = texts(send(Map.of("text", "Guten Tag")));
        assertThat(again).containsExactly("Guten Tag", de().greeting());
        assertThat(again.get(1)).doesNotContain("IKÖ-Lotse");
        List<String> start = texts(send(Map.of("text", "/start")));
        assertThat(start).containsExactly("/start", de().greeting());
    }

    @Test
    void anOldButtonIsIgnoredPolitelyAndNeverShownAsThePersonsWords() {
        long ticket = queue();
        Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin());
        // the "Abbrechen" of the queue message, pressed while the counsellor writes
        JsonNode stale = send(Map.of("option", "cancel")).json();
        assertThat(stale.path("messages").valueStream().map(m -> m.path("author").asString())).containsExactly("system");
        assertThat(stale.path("messages").get(0).path("text").asString()).isEqualTo(de().staleOption());
        assertThat(Http.get(url("/api/counsellor/tickets/" + ticket), admin()).json().path("status").asString())
                .isEqualTo("CLAIMED");
        JsonNode transcript = Http.get(url("/api/counsellor/tickets/" + ticket), admin()).json().path("transcript");
        assertThat(transcript.valueStream().filter(m -> m.path("author").asString().equals("user"))
                .map(m -> m.path("text").asString())).doesNotContain("cancel", de().optionCancel());

        // one-shot: a rating counts once; the same button again is spent
        Http.post(url("/api/counsellor/tickets/" + ticket + "/close"), Map.of("note", "erledigt"), admin());
        assertThat(texts(send(Map.of("option", "feedback:yes")))).containsExactly(de().optionHelpful(), de().feedbackThanks());
        assertThat(texts(send(Map.of("option", "feedback:yes")))).containsExactly(de().staleOption());
        // a value no message ever offered
        assertThat(texts(send(Map.of("option", "topic:was-ist-ikoe")))).containsExactly(de().staleOption());
    }

    @Test
    void theLiveOptionsStayLiveAfterAnOldButton() {
        send(Map.of("text", "Was ist IKÖ?"));
        JsonNode stale = send(Map.of("option", "handoff")).json().path("messages").get(0);
        assertThat(stale.path("text").asString()).isEqualTo(de().staleOption());
        assertThat(optionValues(stale)).containsExactly("feedback:yes", "feedback:no");
        assertThat(texts(send(Map.of("option", "feedback:no")))).containsExactly(de().optionNotHelpful(), de().feedbackSorry());
    }

    @Test
    void whenSomeoneAheadIsServedOrWithdrawsAWaitingPersonHearsTheirBetterPlaceOnce() {
        long served = queue();
        newSession();
        queue();
        String withdrawing = session;
        String withdrawingToken = token;
        newSession();
        queue();
        int place = history().path("position").asInt();
        assertThat(place).isGreaterThan(2);
        List<String> moves = IntStream.rangeClosed(1, place).mapToObj(de()::queueMoved).toList();

        // the first of them is served: one message with the better place, and the status line's place
        Http.post(url("/api/counsellor/tickets/" + served + "/claim"), null, admin());
        await().atMost(Duration.ofSeconds(10)).until(() -> history().path("position").asInt() == place - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(history()).contains(de().queueMoved(place - 1)));
        JsonNode moved = history().path("messages").valueStream()
                .filter(m -> m.path("text").asString().equals(de().queueMoved(place - 1))).findFirst().orElseThrow();
        assertThat(optionValues(moved)).as("the person can still withdraw").containsExactly("cancel");

        // the second withdraws
        String waiting = session;
        String waitingToken = token;
        session = withdrawing;
        token = withdrawingToken;
        send(Map.of("option", "cancel"));
        session = waiting;
        token = waitingToken;
        await().atMost(Duration.ofSeconds(10)).until(() -> texts(history()).contains(de().queueMoved(place - 2)));

        // someone behind is served: nothing changes for this person
        newSession();
        long behind = queue();
        Http.post(url("/api/counsellor/tickets/" + behind + "/claim"), null, admin());
        session = waiting;
        token = waitingToken;
        Settled.await(jdbc);
        assertThat(texts(history()).stream().filter(moves::contains)).as("one message per better place")
                .containsExactly(de().queueMoved(place - 1), de().queueMoved(place - 2));
        assertThat(history().path("position").asInt()).isEqualTo(place - 2);
        assertThat(history().path("state").asString()).isEqualTo("WAITING");
    }

    @Test
    void badMessagesGetAReasonOrAPoliteReply() {
        assertThat(send(Map.of()).status()).isEqualTo(400);
        assertThat(send(Map.of("text", "Hallo", "option", "handoff")).status()).isEqualTo(400);
        assertThat(send("{\"text\":").status()).isEqualTo(400);
        Response tooLong = send(Map.of("text", "Bitte lesen Sie das. ".repeat(300)));
        assertThat(tooLong.status()).isEqualTo(200);
        assertThat(texts(tooLong)).last().asString().contains("zu lang");
    }

    @Test
    void aFloodingSessionIsToldToWait() {
        Response last = null;
        for (int i = 0; i < 13; i++) {
            last = send(Map.of("text", "Hallo " + i));
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().path("detail").asString()).contains("please wait");
    }

    @Test
    void missesInARowOfferAPersonAndAreCountedHonestly() {
        // questions for the centre it has no answer to (out-of-scope ones are no misses: they are
        // not the centre's field, and the bot says so)
        JsonNode first = send(Map.of("text", "Was ist das Trifoliumverfahren?")).json().path("messages").get(2);
        assertThat(first.path("text").asString()).isEqualTo(de().notKnown());
        JsonNode second = send(Map.of("text", "Wie funktioniert das Quaxmodell für Vereinsbeiräte?")).json()
                .path("messages").get(1);
        assertThat(second.path("text").asString()).isEqualTo(de().notKnownAgain(2)).contains("2 Fragen");
        assertThat(optionValues(second)).containsExactly("handoff");
        JsonNode third = send(Map.of("text", "Gilt die Plimbergregel auch für Beiräte?")).json().path("messages").get(1);
        assertThat(third.path("text").asString()).isEqualTo(de().notKnownAgain(3)).contains("3 Fragen")
                .doesNotContain("zweimal");
    }

    @Test
    void theIntakeOffersTheKindsOfOrganisationOfTheVocabularyByName() {
        List<JsonNode> asked = send(Map.of("text", "/berater")).json().path("messages").valueStream().toList();
        JsonNode question = asked.get(asked.size() - 1);
        List<String> offered = question.path("options").valueStream()
                .map(o -> o.path("label").asString() + "=" + o.path("value").asString()).toList();
        List<String> groups = vocabulary.targetGroups().stream().map(g -> g.german() + "=" + g.id()).toList();
        assertThat(groups).as("the kinds of organisation in the vocabulary file").isNotEmpty();
        assertThat(offered).startsWith(groups.toArray(String[]::new)).hasSize(groups.size() + 1);

        List<JsonNode> next = send(Map.of("option", groups.get(0).split("=")[1])).json().path("messages")
                .valueStream().toList();
        assertThat(next.get(next.size() - 1).path("options").valueStream().map(o -> o.path("value").asString()))
                .as("the next question, about the place, is answered in words").containsExactly("skip");
    }

    @Test
    void notHelpfulOffersAPerson() {
        send(Map.of("text", "Was ist IKÖ?"));
        Response feedback = send(Map.of("option", "feedback:no"));
        assertThat(texts(feedback)).containsExactly(de().optionNotHelpful(), de().feedbackSorry());
    }

    @Test
    void afterTheCounsellorClosesThePersonsFeedbackIsRecordedOnTheClosingNotice() {
        long ticket = queue();
        Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin());
        Http.post(url("/api/counsellor/tickets/" + ticket + "/close"), Map.of("note", "erledigt"), admin());
        Response feedback = send(Map.of("option", "feedback:yes"));
        assertThat(texts(feedback)).containsExactly(de().optionHelpful(), de().feedbackThanks());
    }

    @Test
    void outsideOfficeHoursThePersonLearnsWhenToExpectAnAnswer() {
        clock.set(Instant.parse("2026-12-05T18:00:00Z")); // Saturday evening
        send(Map.of("text", "/berater"));
        send(Map.of("option", "skip"));
        send(Map.of("option", "skip"));
        Response queued = send(Map.of("option", "skip"));
        assertThat(texts(queued)).last().asString().contains("Montag, 7.12., ab 09:00 Uhr");
    }

    @Test
    void thePersonCanWithdrawWhileWaiting() {
        long ticket = queue();
        Response cancelled = send(Map.of("text", "abbrechen"));
        assertThat(texts(cancelled)).last().asString().contains("zurückgezogen");
        assertThat(Http.get(url("/api/counsellor/tickets/" + ticket), admin()).json().path("status").asString())
                .isEqualTo("CANCELLED");
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin()).status()).isEqualTo(409);
    }

    @Test
    void aTicketWaitingTooLongBringsTheCentresWayOfContactFromTheKnowledgeBase() {
        queue();
        clock.advance(Duration.ofMinutes(21));
        // the contact topic of the tests' knowledge base names the centre's website
        String reminder = de().overdue("https://thueringer-zentrum-ikoe.de/");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                history().path("messages").valueStream().map(m -> m.path("text").asString())).contains(reminder));
        JsonNode reminded = history().path("messages").valueStream()
                .filter(m -> m.path("text").asString().equals(reminder)).findFirst().orElseThrow();
        assertThat(reminder).contains("https://thueringer-zentrum-ikoe.de/").doesNotContain("Kontaktwege");
        assertThat(optionValues(reminded)).as("the person can still withdraw").containsExactly("cancel");
    }

    @Test
    void rolesAndHoldersAreEnforced() {
        assertThat(Http.get(url("/api/counsellor/tickets"), Map.of()).status()).isEqualTo(401);
        assertThat(Http.post(url("/api/admin/counsellors"), Map.of("username", "anna", "displayName", "Anna",
                "password", "kurz"), admin()).status()).isEqualTo(400);
        String user = "berater" + System.nanoTime() % 100000;
        assertThat(Http.post(url("/api/admin/counsellors"), Map.of("username", user, "displayName", "Anna Beispiel",
                "password", "ein-langes-passwort"), admin()).status()).isEqualTo(201);
        assertThat(Http.post(url("/api/admin/counsellors"), Map.of("username", user, "displayName", "Anna",
                "password", "ein-langes-passwort"), admin()).status()).isEqualTo(409);
        Map<String, String> anna = Http.basic(user, "ein-langes-passwort");
        assertThat(Http.post(url("/api/admin/counsellors"), Map.of("username", "x" + user, "displayName", "X",
                "password", "ein-langes-passwort"), anna).status()).isEqualTo(403);
        assertThat(Http.get(url("/api/counsellor/tickets?status=SOMETHING"), anna).status()).isEqualTo(400);

        long ticket = queue();
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, anna).status()).isEqualTo(200);
        Response second = Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin());
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("detail").asString()).contains("already held by " + user);
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/messages"), Map.of("text", "Hallo"), admin())
                .status()).isEqualTo(403);
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/close"), Map.of("note", "x"), admin())
                .status()).isEqualTo(403);
        assertThat(Http.post(url("/api/counsellor/tickets/" + ticket + "/messages"), Map.of("text", "Hallo, hier Anna"),
                anna).status()).isEqualTo(202);
        assertThat(Http.get(url("/api/counsellor/tickets/999999"), anna).status()).isEqualTo(404);
    }

    @Test
    @Timeout(60)
    void theStreamBringsACounsellorsReplyWithoutAsking() throws Exception {
        long ticket = queue();
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> stream = client.send(HttpRequest.newBuilder(
                        URI.create(url("/api/chat/sessions/" + session + "/stream?token=" + token))).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        CompletableFuture<String> data = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains("Hier ist Ihre Beraterin")) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                return null;
            }
        });
        Http.post(url("/api/counsellor/tickets/" + ticket + "/claim"), null, admin());
        Http.post(url("/api/counsellor/tickets/" + ticket + "/messages"), Map.of("text", "Hier ist Ihre Beraterin"), admin());
        String line = data.get(20, TimeUnit.SECONDS);
        JsonNode message = Http.JSON.readTree(line.substring("data:".length()));
        assertThat(message.path("author").asString()).isEqualTo("counsellor");
        assertThat(message.path("seq").asInt()).isPositive();
    }
}
