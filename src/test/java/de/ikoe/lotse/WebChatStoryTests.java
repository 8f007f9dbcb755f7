package de.ikoe.lotse;

import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.Http.Response;
import de.ikoe.lotse.support.LotseInstance;
import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.support.SharedApplicationTest;
import de.ikoe.lotse.support.TestClock;
import de.ikoe.lotse.support.TestDatabases;
import de.ikoe.lotse.support.TestKnowledgeBase;
import de.ikoe.lotse.support.TestMail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole story of a person in the web chat and a counsellor, over HTTP only: a sourced answer,
 * a follow-up, the request for a person out of office hours, the intake, the queue, an e-mail
 * address left for the answer, claim, replies both ways (the counsellor's also by e-mail), close,
 * and the bot again. Run once straight through in the shared application context, and once each on
 * H2 and PostgreSQL with the service stopped and started where a restart could lose or repeat
 * something: between a question and its follow-up, in the middle of the intake, between a
 * counsellor's reply being accepted and its delivery (in the chat and, the mail server away until
 * after the restart, by e-mail), and between a message and its resend. Nothing may be lost or
 * shown or mailed twice.
 */
@SharedApplicationTest
class WebChatStoryTests {

    private static final String ADMIN_PASSWORD = "story-admin-password";

    @TempDir
    Path dataDir;
    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    @Test
    void straightThrough() {
        clock.set(TestClock.AFTER_HOURS);
        Service shared = path -> "http://127.0.0.1:" + port + path;
        story(shared, () -> { }, () -> clock.advance(Duration.ofMinutes(1)), Http.basic("admin", "admin-password-for-tests"));
    }

    @Test
    void onH2WithRestarts() {
        story(h2());
    }

    @Test
    void onPostgresWithRestarts() {
        TestDatabases.assumePostgres();
        try (TestDatabases.Schema schema = TestDatabases.freshSchema()) {
            Map<String, String> settings = new HashMap<>();
            settings.put("spring.datasource.url", schema.url());
            settings.put("spring.datasource.username", TestDatabases.USER);
            settings.put("spring.datasource.password", "");
            settings.put("spring.profiles.active", "postgres");
            story(common(settings));
        }
    }

    private Map<String, String> h2() {
        Map<String, String> settings = new HashMap<>();
        settings.put("spring.datasource.url", "jdbc:h2:file:" + dataDir.resolve("lotse").toAbsolutePath());
        return common(settings);
    }

    private Map<String, String> common(Map<String, String> settings) {
        settings.put("lotse.admin.password", ADMIN_PASSWORD);
        settings.put("lotse.data.dir", dataDir.toString());
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.knowledge.dir", TestKnowledgeBase.DIR);
        // the office never open: the person may leave an e-mail address for the answer
        settings.put("lotse.handoff.office-opens", "00:00");
        settings.put("lotse.handoff.office-closes", "00:00");
        settings.putAll(TestMail.settings());
        return settings;
    }

    private void story(Map<String, String> settings) {
        try (LotseInstance lotse = new LotseInstance(settings).start()) {
            story(lotse::url, lotse::restart, () -> { }, Http.basic("admin", ADMIN_PASSWORD));
        } finally {
            TestMail.resume();
        }
    }

    /** Where the service answers. */
    private interface Service {
        String url(String path);
    }

    /** One step of the story. */
    private interface Step {
        void run(Service lotse);
    }

    /** Marks a place in the story where the restarting runs stop and start the service. */
    private static final Step RESTART = lotse -> {
    };

    private String sessionId;
    private String token;
    private long ticketId;
    private Map<String, String> admin;
    private final String mail = "story." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

    /**
     * @param timePasses lets the service's clock move on (a retry comes due); the real clock does by itself
     */
    private void story(Service service, Runnable restart, Runnable timePasses, Map<String, String> admin) {
        this.admin = admin;
        List<Long> waitingBefore = new ArrayList<>();
        List<Step> steps = List.of(
                lotse -> {
                    Response created = Http.post(lotse.url("/api/chat/sessions"), null, Map.of());
                    assertThat(created.status()).isEqualTo(201);
                    sessionId = created.json().path("sessionId").asString();
                    token = created.json().path("token").asString();
                },
                lotse -> {
                    JsonNode reply = last(say(lotse, Map.of("text", "Was bedeutet interkulturelle Öffnung?")));
                    assertThat(reply.path("author").asString()).isEqualTo("bot");
                    assertThat(ids(reply.path("sources"))).contains("was-ist-ikoe");
                    assertThat(reply.path("text").asString()).contains("Quelle:");
                },
                lotse -> assertThat(last(say(lotse, Map.of("text", "Gibt es Fortbildungen für Verwaltungen?")))
                        .path("text").asString()).contains("Fortbildung"),
                RESTART,
                lotse -> assertThat(last(say(lotse, Map.of("text", "und in Jena?"))).path("text").asString())
                        .contains("Ort: Jena"),
                lotse -> {
                    waitingBefore.addAll(waiting(lotse).valueStream().map(t -> t.path("id").asLong()).toList());
                    assertThat(last(say(lotse, Map.of("text", "Ich möchte mit einer Beraterin sprechen")))
                            .path("text").asString()).contains("Art von Organisation");
                },
                lotse -> assertThat(last(say(lotse, Map.of("option", "verwaltung"))).path("text").asString())
                        .contains("Ort oder Landkreis"),
                RESTART,
                lotse -> assertThat(last(say(lotse, Map.of("text", "Jena"))).path("text").asString())
                        .contains("Worum geht es"),
                lotse -> assertThat(last(say(lotse, Map.of("text", "Wir wollen Schulungen für das Bürgeramt planen")))
                        .path("text").asString()).containsPattern("Platz \\d+"),
                lotse -> {
                    List<JsonNode> mine = waiting(lotse).valueStream()
                            .filter(t -> !waitingBefore.contains(t.path("id").asLong())).toList();
                    assertThat(mine).hasSize(1);
                    JsonNode ticket = mine.get(0);
                    ticketId = ticket.path("id").asLong();
                    assertThat(ticket.path("channel").asString()).isEqualTo("web");
                    assertThat(ticket.path("intake").path("organisation").asString()).isEqualTo("Verwaltung");
                    assertThat(ticket.path("intake").path("region").asString()).isEqualTo("Jena");
                    assertThat(ticket.path("summary").asString()).contains("Gibt es Fortbildungen für Verwaltungen?")
                            .contains("Zuletzt gezeigt (Quellen): ").contains("(interkulturelle-kompetenz-fortbildung)");
                },
                lotse -> {
                    assertThat(history(lotse).path("mail").path("offered").asBoolean()).as("the office is closed").isTrue();
                    assertThat(Http.put(lotse.url("/api/chat/sessions/" + sessionId + "/mail"),
                            Map.of("address", mail, "consent", true), Map.of("X-Chat-Token", token)).status()).isEqualTo(204);
                },
                lotse -> assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticketId + "/claim"), null, admin())
                        .status()).isEqualTo(200),
                lotse -> {
                    TestMail.pause();
                    assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticketId + "/messages"),
                            Map.of("text", "Guten Tag, hier ist Anna vom Zentrum. Worum geht es genau?"), admin()).status())
                            .isEqualTo(202);
                },
                RESTART,
                lotse -> {
                    TestMail.resume();
                    timePasses.run();
                    await().atMost(Duration.ofSeconds(60)).until(() -> !TestMail.to(mail).isEmpty());
                },
                lotse -> await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                        assertThat(texts(messages(lotse, 0))).contains("Guten Tag, hier ist Anna vom Zentrum. Worum geht es genau?")),
                lotse -> {
                    List<JsonNode> answer = say(lotse, Map.of("text", "Um eine Schulung für 20 Leute im Frühjahr",
                            "clientId", "person-reply-1"));
                    assertThat(answer).extracting(m -> m.path("author").asString()).containsExactly("user");
                },
                RESTART,
                lotse -> {
                    // the browser did not see the answer to its last request and sends it again
                    assertThat(say(lotse, Map.of("text", "Um eine Schulung für 20 Leute im Frühjahr",
                            "clientId", "person-reply-1"))).isEmpty();
                },
                lotse -> {
                    Response ticket = Http.get(lotse.url("/api/counsellor/tickets/" + ticketId), admin());
                    assertThat(texts(List.copyOf(ticket.json().path("transcript").valueStream().toList())))
                            .contains("Um eine Schulung für 20 Leute im Frühjahr");
                },
                lotse -> assertThat(Http.post(lotse.url("/api/counsellor/tickets/" + ticketId + "/close"),
                        Map.of("note", "Schulung vermittelt"), admin()).status()).isEqualTo(200),
                lotse -> {
                    JsonNode reply = last(say(lotse, Map.of("text", "Was ist die Charta der Vielfalt?")));
                    assertThat(reply.path("author").asString()).isEqualTo("bot");
                    assertThat(ids(reply.path("sources"))).contains("charta-der-vielfalt");
                });


        for (Step step : steps) {
            if (step == RESTART) {
                restart.run();
            } else {
                step.run(service);
            }
        }
        List<JsonNode> all = messages(service, 0);
        assertThat(all).extracting(m -> m.path("seq").asInt()).isSorted().doesNotHaveDuplicates();
        assertThat(texts(all)).filteredOn(t -> t.equals("Guten Tag, hier ist Anna vom Zentrum. Worum geht es genau?"))
                .hasSize(1);
        assertThat(texts(all)).filteredOn(t -> t.equals("Um eine Schulung für 20 Leute im Frühjahr")).hasSize(1);
        assertThat(texts(all)).filteredOn(t -> t.contains("ist jetzt für Sie da")).hasSize(1);
        assertThat(texts(all)).filteredOn(t -> t.contains("Die Beratung ist beendet")).hasSize(1);
        assertThat(Http.get(service.url("/api/counsellor/tickets/" + ticketId), admin()).json().path("status").asString())
                .isEqualTo("CLOSED");
        assertThat(TestMail.to(mail)).as("the counsellor's reply by e-mail, once").singleElement()
                .satisfies(m -> assertThat(m.getContent().toString()).contains("Guten Tag, hier ist Anna vom Zentrum."));
    }

    private JsonNode waiting(Service lotse) {
        Response waiting = Http.get(lotse.url("/api/counsellor/tickets?status=WAITING"), admin());
        assertThat(waiting.status()).isEqualTo(200);
        return waiting.json();
    }

    private List<JsonNode> say(Service lotse, Map<String, String> body) {
        Response response = Http.post(lotse.url("/api/chat/sessions/" + sessionId + "/messages"), body,
                Map.of("X-Chat-Token", token));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json().path("messages").valueStream().toList();
    }

    private JsonNode history(Service lotse) {
        Response response = Http.get(lotse.url("/api/chat/sessions/" + sessionId + "/messages"), Map.of("X-Chat-Token", token));
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private List<JsonNode> messages(Service lotse, int after) {
        Response response = Http.get(lotse.url("/api/chat/sessions/" + sessionId + "/messages?after=" + after),
                Map.of("X-Chat-Token", token));
        assertThat(response.status()).isEqualTo(200);
        return response.json().path("messages").valueStream().toList();
    }

    private static JsonNode last(List<JsonNode> messages) {
        assertThat(messages).isNotEmpty();
        return messages.get(messages.size() - 1);
    }

    private static List<String> ids(JsonNode sources) {
        List<String> ids = new ArrayList<>();
        sources.forEach(s -> ids.add(s.path("id").asString()));
        return ids;
    }

    private static List<String> texts(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("text").asString()).toList();
    }

    private Map<String, String> admin() {
        return admin;
    }
}
