package de.ikoe.lotse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import de.ikoe.lotse.support.ConsoleSession;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.system.AuditLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outside probe's findings, each tried again against the running service over HTTP, through
 * a trusted proxy on 127.0.0.1 (each test comes from client addresses of its own, so that their
 * budgets do not mix) and, where the point is an untrusted client, from 127.0.0.2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lotse.trusted-proxies=127\\\\.0\\\\.0\\\\.1",
        "lotse.webchat.rate.asks-per-address=5",
        "lotse.webchat.rate.streams-per-session=3"})
class SecurityTests {

    /** Wednesday 2 December 2026, 10:00:30 in Erfurt: the office is open. */
    static final Instant NOW = Instant.parse("2026-12-02T09:00:30Z");
    static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock securityClock() {
            return new MutableClock(NOW, ZoneId.of("Europe/Berlin"));
        }
    }

    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ListAppender<ILoggingEvent> audit;

    @BeforeAll
    static void listenToTheAuditLog() {
        audit = new ListAppender<>();
        audit.start();
    }

    /** Attached once the service runs: starting it configures logging afresh. */
    @BeforeEach
    void attachToTheAuditLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
        if (!logger.isAttached(audit)) {
            logger.addAppender(audit);
        }
    }

    @AfterAll
    static void stopListening() {
        ((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(audit);
    }

    @BeforeEach
    void resetClock() {
        clock.set(NOW);
    }

    /** A client address of this test's own (TEST-NET-3), as the trusted proxy reports it. */
    private static String newAddress() {
        int n = ADDRESSES.getAndIncrement();
        return "203.0." + (113 + n / 250) + "." + (n % 250 + 1);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private static Map<String, String> admin() {
        return Http.basic("admin", ADMIN_PASSWORD);
    }

    private static Map<String, String> with(Map<String, String> headers, String forwardedFor) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("X-Forwarded-For", forwardedFor);
        return all;
    }

    private HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> ask(String text, String from) {
        return send("POST", "/api/ask", Http.JSON.writeValueAsString(Map.of("text", text)),
                Map.of("X-Forwarded-For", from));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Http.JSON.readTree(response.body());
    }

    private List<String> auditLines() {
        return audit.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private String newCounsellor(String password) {
        String user = "berater-" + ADDRESSES.getAndIncrement();
        HttpResponse<String> created = send("POST", "/api/admin/counsellors", Http.JSON.writeValueAsString(Map.of(
                "username", user, "displayName", "Berater " + user, "password", password)), admin());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return user;
    }

    /** A web chat person who asks for a counsellor; returns the session id, token and ticket. */
    private record Person(String session, String token, long ticket) {
    }

    private Person queuedPerson() {
        String from = newAddress();
        JsonNode created = json(send("POST", "/api/chat/sessions", null, Map.of("X-Forwarded-For", from)));
        String session = created.path("sessionId").asString();
        String token = created.path("token").asString();
        List<Long> before = tickets("WAITING");
        for (Map<String, String> body : List.of(Map.of("text", "/berater"), Map.of("option", "skip"),
                Map.of("option", "skip"), Map.of("option", "skip"))) {
            HttpResponse<String> sent = send("POST", "/api/chat/sessions/" + session + "/messages",
                    Http.JSON.writeValueAsString(body), Map.of("X-Chat-Token", token, "X-Forwarded-For", from));
            assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        }
        long ticket = tickets("WAITING").stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
        return new Person(session, token, ticket);
    }

    private List<Long> tickets(String status) {
        return json(send("GET", "/api/counsellor/tickets?status=" + status, null, admin())).valueStream()
                .map(t -> t.path("id").asLong()).toList();
    }

    private static String letters(int n, Random random) {
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < n; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    // --- 1. bounded work per request ---

    /** The heaviest question of the evaluation sets (18 words after analysis, 91 letters in its telling words). */
    static final String LONG_REAL_QUESTION = "Warum sollte sich unser Landratsamt gerade jetzt mit interkultureller Öffnung "
            + "beschäftigen? Wir haben mit Digitalisierung, Personalmangel und steigenden Fallzahlen eigentlich schon "
            + "genug zu tun.";

    @Test
    void pathologicalQuestionsCostAboutWhatALongRealQuestionCosts() {
        Random random = new Random(11);
        for (int i = 0; i < 3; i++) {
            assertThat(ask(LONG_REAL_QUESTION, newAddress()).statusCode()).isEqualTo(200);
        }
        Map<String, List<Long>> timings = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            Map<String, String> questions = new LinkedHashMap<>();
            questions.put("the longest real question", LONG_REAL_QUESTION);
            questions.put("one word of 3990 letters", letters(3990, random));
            questions.put("600 words of 5 letters", IntStream.range(0, 600).mapToObj(i -> letters(5, random))
                    .collect(Collectors.joining(" ")));
            questions.put("100 words of 10 letters", IntStream.range(0, 100).mapToObj(i -> letters(10, random))
                    .collect(Collectors.joining(" ")));
            questions.forEach((name, text) -> {
                long start = System.nanoTime();
                HttpResponse<String> answered = ask(text, newAddress());
                timings.computeIfAbsent(name, k -> new ArrayList<>()).add((System.nanoTime() - start) / 1_000_000);
                // 600 words used to fail with Lucene's "too many clauses"
                assertThat(answered.statusCode()).as(name + ": " + answered.body()).isEqualTo(200);
            });
        }
        System.out.println("POST /api/ask over loopback, median of 3 (ms): " + timings.entrySet().stream()
                .map(e -> e.getKey() + " " + median(e.getValue())).collect(Collectors.joining(", ")));
        // Before the bounds the word of 3990 letters took 6-9 s of CPU, the 600 words an error. The
        // bound is loose: the machine running the tests may be busy with other work.
        long real = median(timings.get("the longest real question"));
        timings.forEach((name, times) -> assertThat(median(times)).as(name).isLessThan(3 * real + 1000));
    }

    @Test
    void askAnswers429PastItsLimit() {
        String from = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(ask("Was ist IKÖ?", from).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = ask("Was ist IKÖ?", from);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
                assertThat(Long.parseLong(s)).isBetween(1L, 60L));
        assertThat(json(refused).path("detail").asString()).contains("too many questions");
    }

    // --- 10. rate limits: the client behind the proxy, token buckets, live streams ---

    @Test
    void limitsCountTheClientTheTrustedProxyReportsNotTheProxy() {
        String a = newAddress();
        String b = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(ask("Was ist IKÖ?", a).statusCode()).isEqualTo(200);
        }
        assertThat(ask("Was ist IKÖ?", a).statusCode()).isEqualTo(429);
        assertThat(ask("Was ist IKÖ?", b).statusCode()).as("another visitor behind the same proxy").isEqualTo(200);
        // What the client itself wrote into the header stands left of what the proxy added: ignored.
        assertThat(ask("Was ist IKÖ?", newAddress() + ", " + a).statusCode()).isEqualTo(429);
    }

    @Test
    void anUntrustedClientCannotChooseItsAddress() throws IOException {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            statuses.add(askFrom127002(newAddress()));
        }
        assertThat(statuses.subList(0, 5)).containsOnly(200);
        assertThat(statuses.subList(5, 7)).containsOnly(429);
    }

    /** One question over a connection from 127.0.0.2, which is no trusted proxy, claiming another address. */
    private int askFrom127002(String claimed) throws IOException {
        byte[] body = "{\"text\":\"Was ist IKÖ?\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName("127.0.0.2"), 0)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "X-Forwarded-For: " + claimed + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void noDoubleBurstAcrossAMinutesEdge() {
        clock.set(Instant.parse("2026-12-02T09:00:59.500Z"));
        String from = newAddress();
        for (int i = 0; i < 5; i++) {
            assertThat(ask("Was ist IKÖ?", from).statusCode()).isEqualTo(200);
        }
        clock.set(Instant.parse("2026-12-02T09:01:00.500Z")); // a fixed window would let five more through now
        assertThat(ask("Was ist IKÖ?", from).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(12)); // five a minute: one every twelve seconds
        assertThat(ask("Was ist IKÖ?", from).statusCode()).isEqualTo(200);
        assertThat(ask("Was ist IKÖ?", from).statusCode()).isEqualTo(429);
    }

    @Test
    @Timeout(60)
    void aChatSessionHoldsAtMostThreeLiveStreams() throws Exception {
        String from = newAddress();
        JsonNode created = json(send("POST", "/api/chat/sessions", null, Map.of("X-Forwarded-For", from)));
        String stream = url("/api/chat/sessions/" + created.path("sessionId").asString() + "/stream?token="
                + created.path("token").asString());
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(stream))
                        .header("X-Forwarded-For", from).build(), HttpResponse.BodyHandlers.ofInputStream());
                open.add(response);
                assertThat(response.statusCode()).isEqualTo(200);
            }
            HttpResponse<String> fourth = HTTP.send(HttpRequest.newBuilder(URI.create(stream))
                    .header("X-Forwarded-For", from).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.headers().firstValue("Retry-After")).isPresent();
        } finally {
            for (HttpResponse<InputStream> response : open) {
                response.body().close();
            }
        }
    }

    // --- 3. disabling an account or resetting its password ends its sessions ---

    @Test
    void aDisabledCounsellorsOpenSessionCannotReplyAnyMore() {
        String user = newCounsellor("ein-langes-passwort");
        Person person = queuedPerson();
        ConsoleSession counsellor = new ConsoleSession(url(""), newAddress());
        assertThat(counsellor.logIn(user, "ein-langes-passwort")).endsWith("/console");
        String page = counsellor.get("/console/tickets/" + person.ticket()).body();
        assertThat(counsellor.post("/console/tickets/" + person.ticket() + "/claim", page, Map.of()).statusCode())
                .isEqualTo(302);
        page = counsellor.get("/console/tickets/" + person.ticket()).body();
        assertThat(page).contains("id=\"reply\"");

        assertThat(send("POST", "/api/admin/counsellors/" + user + "/disable", null, with(admin(), "198.51.100.7"))
                .statusCode()).isEqualTo(200);

        HttpResponse<String> reply = counsellor.post("/console/tickets/" + person.ticket() + "/reply", page,
                Map.of("text", "Sind Sie noch da?"));
        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/console/login"));
        assertThat(send("GET", "/api/counsellor/tickets/" + person.ticket(), null, admin()).body())
                .doesNotContain("Sind Sie noch da?");
        assertThat(counsellor.get("/console").statusCode()).isEqualTo(302);
        assertThat(send("GET", "/api/counsellor/tickets", null, Http.basic(user, "ein-langes-passwort")).statusCode())
                .isEqualTo(401);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("event=account.disabled who=admin from=198.51.100.7")
                .contains("account=" + user, "sessionsEnded=1"));
    }

    @Test
    void resettingAPasswordEndsTheAccountsSessionsAndTheOldPassword() {
        String user = newCounsellor("ein-langes-passwort");
        ConsoleSession counsellor = new ConsoleSession(url(""), newAddress());
        assertThat(counsellor.logIn(user, "ein-langes-passwort")).endsWith("/console");
        assertThat(counsellor.get("/console").statusCode()).isEqualTo(200);

        ConsoleSession admin = new ConsoleSession(url(""), newAddress());
        assertThat(admin.logIn("admin", ADMIN_PASSWORD)).endsWith("/console");
        String adminPage = admin.get("/console/admin").body();
        HttpResponse<String> unconfirmed = admin.post("/console/admin/counsellors/" + user + "/password", adminPage, Map.of());
        assertThat(unconfirmed.headers().firstValue("Location")).as("asks first")
                .hasValueSatisfying(l -> assertThat(l).endsWith("/console/admin/counsellors/" + user + "/password"));
        assertThat(counsellor.get("/console").statusCode()).as("nothing reset yet").isEqualTo(200);
        HttpResponse<String> reset = admin.post("/console/admin/counsellors/" + user + "/password", adminPage,
                Map.of("confirm", "yes"));
        assertThat(reset.statusCode()).isEqualTo(302);
        String shown = admin.get("/console/admin").body();
        String newPassword = shown.replaceAll("(?s).*<code>([^<]+)</code>.*", "$1");
        assertThat(newPassword).hasSize(24);
        assertThat(admin.get("/console/admin").statusCode()).as("the admin's own session stays").isEqualTo(200);

        HttpResponse<String> next = counsellor.get("/console");
        assertThat(next.statusCode()).isEqualTo(302);
        assertThat(next.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("expired"));
        assertThat(send("GET", "/api/counsellor/tickets", null, Http.basic(user, "ein-langes-passwort")).statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/api/counsellor/tickets", null, Http.basic(user, newPassword)).statusCode())
                .isEqualTo(200);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("event=account.password-reset who=admin")
                .contains("account=" + user, "sessionsEnded=1").doesNotContain(newPassword));
    }

    // --- 5. deleting a conversation: holder and admins only, confirmed, the person told, audited ---

    @Test
    @Timeout(120)
    void onlyTheHolderDeletesAfterConfirmingAndThePersonIsTold() throws Exception {
        String anna = newCounsellor("ein-langes-passwort");
        String ben = newCounsellor("ein-langes-passwort");
        Person person = queuedPerson();
        CompletableFuture<String> notice = listenFor(person, "notice");
        assertThat(send("POST", "/api/counsellor/tickets/" + person.ticket() + "/claim", null,
                Http.basic(anna, "ein-langes-passwort")).statusCode()).isEqualTo(200);

        String benFrom = newAddress();
        HttpResponse<String> refused = send("DELETE", "/api/counsellor/tickets/" + person.ticket() + "/conversation",
                null, with(Http.basic(ben, "ein-langes-passwort"), benFrom));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(json(refused).path("detail").asString()).contains("only the counsellor who holds");
        ConsoleSession benConsole = new ConsoleSession(url(""), benFrom);
        assertThat(benConsole.logIn(ben, "ein-langes-passwort")).endsWith("/console");
        assertThat(benConsole.get("/console/tickets/" + person.ticket()).body()).doesNotContain("id=\"delete\"");
        assertThat(benConsole.get("/console/tickets/" + person.ticket() + "/delete").statusCode()).isEqualTo(403);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l)
                .startsWith("event=conversation.delete-refused who=" + ben + " from=" + benFrom)
                .contains("ticket=" + person.ticket()));

        String annaFrom = newAddress();
        ConsoleSession annaConsole = new ConsoleSession(url(""), annaFrom);
        assertThat(annaConsole.logIn(anna, "ein-langes-passwort")).endsWith("/console");
        String ticketPage = annaConsole.get("/console/tickets/" + person.ticket()).body();
        assertThat(ticketPage).contains("id=\"delete\"");
        // without the confirmation step nothing is deleted: the console asks first
        HttpResponse<String> unconfirmed = annaConsole.post("/console/tickets/" + person.ticket() + "/delete",
                ticketPage, Map.of());
        assertThat(unconfirmed.headers().firstValue("Location")).hasValueSatisfying(l ->
                assertThat(l).endsWith("/console/tickets/" + person.ticket() + "/delete"));
        assertThat(json(send("GET", "/api/counsellor/tickets/" + person.ticket(), null, admin())).path("transcript"))
                .isNotEmpty();
        String confirmPage = annaConsole.get("/console/tickets/" + person.ticket() + "/delete").body();
        assertThat(confirmPage).contains("id=\"confirm-delete\"", "nicht rückgängig");
        HttpResponse<String> deleted = annaConsole.post("/console/tickets/" + person.ticket() + "/delete",
                confirmPage, Map.of("confirm", "yes"));
        assertThat(deleted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        assertThat(json(send("GET", "/api/counsellor/tickets/" + person.ticket(), null, admin())).path("transcript"))
                .isEmpty();

        assertThat(notice.get(30, TimeUnit.SECONDS)).contains("beendet und gelöscht");
        assertThat(auditLines()).anySatisfy(l -> assertThat(l)
                .startsWith("event=conversation.deleted who=" + anna + " from=" + annaFrom)
                .contains("ticket=" + person.ticket()));
    }

    @Test
    void anAdminMayDeleteAConversationSomeoneElseHolds() {
        String anna = newCounsellor("ein-langes-passwort");
        Person person = queuedPerson();
        send("POST", "/api/counsellor/tickets/" + person.ticket() + "/claim", null, Http.basic(anna, "ein-langes-passwort"));
        assertThat(send("DELETE", "/api/counsellor/tickets/" + person.ticket() + "/conversation", null, admin())
                .statusCode()).isEqualTo(204);
    }

    /** The first data line of the named event on the person's live stream. */
    private CompletableFuture<String> listenFor(Person person, String event) throws Exception {
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/chat/sessions/"
                        + person.session() + "/stream?token=" + person.token()))).header("X-Forwarded-For", newAddress())
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                boolean named = false;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.equals("event:" + event)) {
                        named = true;
                    } else if (named && line.startsWith("data:")) {
                        return line.substring("data:".length());
                    } else if (line.isEmpty()) {
                        named = false;
                    }
                }
                return null;
            } catch (IOException e) {
                return null;
            }
        });
    }

    // --- 6. passwords ---

    @Test
    void weakOrOverlongPasswordsAre400WithAReason() {
        Map<String, String> refused = new LinkedHashMap<>();
        String seventyThree = "Lampe-Fluss-Ahorn-Regen-".repeat(3) + "x";
        refused.put(seventyThree, "at most 72 bytes");
        refused.put("ä".repeat(40), "at most 72 bytes");
        refused.put("aaaaaaaaaaaa", "too easy to guess");
        refused.put("123456789012", "too easy to guess");
        refused.put("Passwort2024!", "too easy to guess");
        refused.put("ein-langes\u0000passwort", "control characters");
        refused.put("kurz", "at least 12 characters");
        refused.forEach((password, reason) -> {
            HttpResponse<String> response = send("POST", "/api/admin/counsellors", Http.JSON.writeValueAsString(Map.of(
                    "username", "neu-" + ADDRESSES.getAndIncrement(), "displayName", "Neu", "password", password)), admin());
            assertThat(response.statusCode()).as(password).isEqualTo(400);
            assertThat(json(response).path("detail").asString()).as(password).contains(reason);
        });
        assertThat(newCounsellor(seventyThree.substring(1))).as("72 bytes are fine").isNotBlank();

        ConsoleSession admin = new ConsoleSession(url(""), newAddress());
        admin.logIn("admin", ADMIN_PASSWORD);
        String page = admin.get("/console/admin").body();
        admin.post("/console/admin/counsellors", page, Map.of("username", "neu-" + ADDRESSES.getAndIncrement(),
                "displayName", "Neu", "password", "aaaaaaaaaaaa"));
        assertThat(admin.get("/console/admin").body()).contains("zu leicht zu erraten");
    }

    // --- 7. 4xx, not 500 ---

    @Test
    void nonsenseGetsA4xxWithAReasonNot500() {
        assertThat(send("GET", "/console/login?lang=%00", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/console/login?lang=%FF%FE", null, Map.of()).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/console/login?x=%FF", "", Map.of()).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/console/login?lang=de_%00_x", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/error", null, Map.of()).statusCode()).isEqualTo(404);
        HttpResponse<String> errorPage = send("GET", "/error", null, Map.of("Accept", "text/html"));
        assertThat(errorPage.statusCode()).isEqualTo(404);
        // the house's own page, not Spring's Whitelabel page, even where no browser test runs
        assertThat(errorPage.body()).contains("Diese Seite gibt es nicht").doesNotContain("Whitelabel");

        HttpResponse<String> unknown = send("POST", "/api/admin/counsellors/niemand/password", null, admin());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).path("detail").asString()).contains("no account niemand");
        ConsoleSession admin = new ConsoleSession(url(""), newAddress());
        admin.logIn("admin", ADMIN_PASSWORD);
        String page = admin.get("/console/admin").body();
        assertThat(admin.post("/console/admin/counsellors/niemand/password", page, Map.of()).statusCode()).isEqualTo(404);
        assertThat(admin.post("/console/admin/counsellors/niemand/enabled", page, Map.of("enabled", "false"))
                .statusCode()).isEqualTo(404);
    }

    // --- 8. lockout that tells nothing and locks out no one else ---

    @Test
    void guessingIsHeldBackForTheGuesserOnlyAndTellsNothingAboutWhichAccountsExist() {
        String user = newCounsellor("das-richtige-passwort");
        String guesser = newAddress();
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(new ConsoleSession(url(""), guesser).logIn(user, "falsch-" + i));
        }
        ConsoleSession held = new ConsoleSession(url(""), guesser);
        answers.add(held.logIn(user, "das-richtige-passwort"));
        assertThat(answers).as("the right password is held back too, with the same answer").allSatisfy(a ->
                assertThat(a).endsWith("/console/login?error"));
        String message = held.get("/console/login?error").body();
        assertThat(message).contains("Anmeldung hat nicht geklappt").doesNotContain("gesperrt");
        assertThat(send("GET", "/api/counsellor/tickets", null, with(Http.basic(user, "das-richtige-passwort"), guesser))
                .statusCode()).as("the API is held back alike").isEqualTo(401);

        assertThat(new ConsoleSession(url(""), newAddress()).logIn(user, "das-richtige-passwort"))
                .as("the account's owner elsewhere is not locked out").endsWith("/console");

        String prober = newAddress();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            unknown.add(new ConsoleSession(url(""), prober).logIn("gibt-es-nicht", "falsch-" + i));
        }
        assertThat(unknown).as("an unknown name is answered exactly alike").allSatisfy(a ->
                assertThat(a).endsWith("/console/login?error"));

        assertThat(auditLines()).filteredOn(l -> l.startsWith("event=login.failed who=" + user + " from=" + guesser))
                .hasSize(5);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("event=login.throttled who=" + user
                + " from=" + guesser));
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("event=login.refused who=" + user
                + " from=" + guesser).contains("reason=throttled"));
    }

    // --- 9. the audit log ---

    @Test
    void everySecurityEventIsOneLineWithWhoWhatWhenAndWhereButNoSecret() {
        String from = newAddress();
        ConsoleSession admin = new ConsoleSession(url(""), from);
        assertThat(admin.logIn("admin", ADMIN_PASSWORD)).endsWith("/console");
        String page = admin.get("/console/admin").body();
        String user = "protokoll-" + ADDRESSES.getAndIncrement();
        admin.post("/console/admin/counsellors", page, Map.of("username", user, "displayName", "Protokoll",
                "password", "Geheimnis-im-Protokoll-7"));
        admin.post("/console/admin/counsellors/" + user + "/enabled", page, Map.of("enabled", "false"));
        admin.post("/console/admin/counsellors/" + user + "/enabled", page, Map.of("enabled", "true"));
        new ConsoleSession(url(""), from).logIn("anna\nevent=login.succeeded who=admin", "Falsches-Passwort-9");
        String otherCounsellor = newCounsellor("ein-langes-passwort");
        send("GET", "/api/admin/counsellors", null, with(Http.basic(otherCounsellor, "ein-langes-passwort"), from));
        admin.post("/console/logout", admin.get("/console").body(), Map.of());
        Person person = queuedPerson();
        for (Map<String, String> body : List.of(Map.of("text", "/loeschen"), Map.of("option", "privacy:delete"))) {
            send("POST", "/api/chat/sessions/" + person.session() + "/messages", Http.JSON.writeValueAsString(body),
                    Map.of("X-Chat-Token", person.token(), "X-Forwarded-For", from));
        }

        String at = "at=2026-12-02T09:00:30Z";
        assertThat(auditLines()).contains(
                "event=login.succeeded who=admin from=" + from + " " + at,
                "event=account.created who=admin from=" + from + " " + at + " account=" + user + " role=COUNSELLOR",
                "event=account.disabled who=admin from=" + from + " " + at + " account=" + user + " sessionsEnded=0",
                "event=account.enabled who=admin from=" + from + " " + at + " account=" + user + " sessionsEnded=0",
                "event=login.failed who=anna_event_login.succeeded_who_admin from=" + from + " " + at
                        + " reason=bad-credentials",
                "event=logout who=admin from=" + from + " " + at,
                "event=person.deleted who=- from=web " + at + " conversations=1");
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("event=access.denied who=" + otherCounsellor
                + " from=" + from));
        assertThat(audit.list).allSatisfy(e -> assertThat(e.getLoggerName()).isEqualTo("lotse.audit"));
        assertThat(auditLines()).allSatisfy(l -> assertThat(l).doesNotContain("\n", "Geheimnis", "Falsches-Passwort",
                "ein-langes-passwort", ADMIN_PASSWORD, "das-richtige-passwort"));
    }

    // --- 12. cookies, headers, 401s, cancelled tickets, an admin's hand on held tickets, the knowledge page ---

    @Test
    void theSessionCookieIsSameSiteHttpOnlyAndSecureBehindHttps() {
        HttpResponse<String> plain = send("GET", "/console/login", null, Map.of("X-Forwarded-For", newAddress()));
        String cookie = plain.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");
        HttpResponse<String> https = send("GET", "/console/login", null,
                Map.of("X-Forwarded-For", newAddress(), "X-Forwarded-Proto", "https"));
        assertThat(https.headers().firstValue("Set-Cookie").orElseThrow()).contains("Secure", "HttpOnly", "SameSite=Lax");
        assertThat(https.headers().firstValue("Strict-Transport-Security")).isPresent();
    }

    @Test
    void everyPageSaysWhatItsLinksMayTellAndTheApiSaysHowToLogIn() {
        assertThat(send("GET", "/console/login", null, Map.of()).headers().firstValue("Referrer-Policy"))
                .hasValue("same-origin");
        assertThat(send("GET", "/chat", null, Map.of()).headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(ask("Was ist IKÖ?", newAddress()).headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        HttpResponse<String> anonymous = send("GET", "/api/counsellor/tickets", null, Map.of());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h ->
                assertThat(h).startsWith("Basic realm=\"IKOE-Lotse\""));
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(t ->
                assertThat(t).startsWith("application/problem+json"));
        assertThat(json(anonymous).path("detail").asString()).contains("HTTP Basic");
        HttpResponse<String> wrong = send("GET", "/api/counsellor/tickets", null, Http.basic("admin", "falsch-falsch"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void cancelledTicketsCanBeListed() {
        Person person = queuedPerson();
        send("POST", "/api/chat/sessions/" + person.session() + "/messages",
                Http.JSON.writeValueAsString(Map.of("text", "abbrechen")), Map.of("X-Chat-Token", person.token(),
                        "X-Forwarded-For", newAddress()));
        assertThat(tickets("CANCELLED")).contains(person.ticket());
        HttpResponse<String> bad = send("GET", "/api/counsellor/tickets?status=GONE", null, admin());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).path("detail").asString()).contains("WAITING, CLAIMED, CLOSED, CANCELLED");
    }

    @Test
    void anAdminCanReleaseOrReassignATicketSomeoneElseHolds() {
        String anna = newCounsellor("ein-langes-passwort");
        String ben = newCounsellor("ein-langes-passwort");
        Person person = queuedPerson();
        send("POST", "/api/counsellor/tickets/" + person.ticket() + "/claim", null, Http.basic(anna, "ein-langes-passwort"));

        assertThat(send("POST", "/api/admin/tickets/" + person.ticket() + "/release", null,
                Http.basic(ben, "ein-langes-passwort")).statusCode()).as("counsellors may not").isEqualTo(403);
        HttpResponse<String> released = send("POST", "/api/admin/tickets/" + person.ticket() + "/release", null, admin());
        assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
        assertThat(json(released).path("status").asString()).isEqualTo("WAITING");
        assertThat(tickets("WAITING")).contains(person.ticket());
        assertThat(history(person)).anySatisfy(t -> assertThat(t).contains("wieder in der Warteschlange"));

        send("POST", "/api/counsellor/tickets/" + person.ticket() + "/claim", null, Http.basic(anna, "ein-langes-passwort"));
        HttpResponse<String> reassigned = send("POST", "/api/admin/tickets/" + person.ticket() + "/reassign",
                Http.JSON.writeValueAsString(Map.of("to", ben)), admin());
        assertThat(reassigned.statusCode()).as(reassigned.body()).isEqualTo(200);
        assertThat(json(reassigned).path("claimedBy").asString()).isEqualTo(ben);
        assertThat(send("POST", "/api/counsellor/tickets/" + person.ticket() + "/messages",
                Http.JSON.writeValueAsString(Map.of("text", "Hallo")), Http.basic(anna, "ein-langes-passwort")).statusCode())
                .isEqualTo(403);
        assertThat(send("POST", "/api/counsellor/tickets/" + person.ticket() + "/messages",
                Http.JSON.writeValueAsString(Map.of("text", "Hier ist Ben")), Http.basic(ben, "ein-langes-passwort"))
                .statusCode()).isEqualTo(202);
        assertThat(send("POST", "/api/admin/tickets/" + person.ticket() + "/reassign",
                Http.JSON.writeValueAsString(Map.of("to", "niemand")), admin()).statusCode()).isEqualTo(400);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).startsWith("event=ticket.reassigned who=admin")
                .contains("ticket=" + person.ticket(), "holder=" + anna, "to=" + ben));

        ConsoleSession adminConsole = new ConsoleSession(url(""), newAddress());
        adminConsole.logIn("admin", ADMIN_PASSWORD);
        assertThat(adminConsole.get("/console/tickets/" + person.ticket()).body()).contains("id=\"release\"", "id=\"reassign\"");
        ConsoleSession annaConsole = new ConsoleSession(url(""), newAddress());
        annaConsole.logIn(anna, "ein-langes-passwort");
        assertThat(annaConsole.get("/console/tickets/" + person.ticket()).body()).doesNotContain("id=\"release\"");
    }

    private List<String> history(Person person) {
        return json(send("GET", "/api/chat/sessions/" + person.session() + "/messages", null,
                Map.of("X-Chat-Token", person.token()))).path("messages").valueStream()
                .map(m -> m.path("text").asString()).toList();
    }

    @Test
    void theKnowledgePageKeepsToItsOwnContentSecurityPolicy() {
        HttpResponse<String> page = send("GET", "/knowledge/was-ist-ikoe", null, Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("default-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("style=", "<style", "<script");
    }
}
