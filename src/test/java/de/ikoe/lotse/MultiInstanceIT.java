package de.ikoe.lotse;

import de.ikoe.lotse.matrix.FakeHomeserver;
import de.ikoe.lotse.support.ConsoleSession;
import de.ikoe.lotse.support.CuttableProxy;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.LotseProcess;
import de.ikoe.lotse.support.TestDatabases;
import de.ikoe.lotse.telegram.FakeBotApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of the packaged jar as separate processes on one PostgreSQL schema, with the fake
 * Bot API and the fake homeserver: a console page on A hears of a ticket made through B; a claim
 * raced from both has one winner; 500 Telegram messages sent while the leader (the poller) is
 * killed with SIGKILL arrive exactly once, and polling and sync resume on the other instance
 * within 15 s; B's readiness turns DOWN when its database connection is cut and UP when it is back
 * (B reaches the database through a proxy the test can cut).
 *
 * <p>It takes a few minutes (two starts of the service), so it runs on request:
 * {@code mvn -B verify -Pinstances} (see the README, "The proof of several instances").
 */
@EnabledIfSystemProperty(named = "instances", matches = "true")
class MultiInstanceIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/ikoe-lotse.jar");
    private static final String ADMIN_PASSWORD = "instances-admin-password";
    private static final Map<String, String> ADMIN = Http.basic("admin", ADMIN_PASSWORD);
    private static final String BOT_TOKEN = "434343:instances-token";
    private static final Duration START = Duration.ofMinutes(5);
    private static final int MESSAGES = 500;
    private static final int PEOPLE = 50;

    @Test
    void twoInstancesShareTheWorkAndTheSecondTakesOverWhenTheFirstIsKilled() throws Exception {
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        TestDatabases.assumePostgres();
        String url = TestDatabases.freshSchemaUrl();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        Path dir = PROJECT.resolve("target/instances/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(dir);
        List<String> figures = new ArrayList<>();
        try (FakeBotApi telegram = new FakeBotApi(BOT_TOKEN, "lotse_instances_bot").start();
             FakeHomeserver matrix = new FakeHomeserver("lotse", "instances-bot-password").start();
             CuttableProxy proxy = new CuttableProxy(5432)) {
            String room = matrix.createRoom("@berta:example.org");
            matrix.invite(room, "@berta:example.org");
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("spring.profiles.active", "postgres");
            settings.put("spring.datasource.username", TestDatabases.USER);
            settings.put("spring.datasource.password", "");
            settings.put("lotse.admin.password", ADMIN_PASSWORD);
            settings.put("lotse.knowledge.watch", "false");
            settings.put("lotse.telegram.token", BOT_TOKEN);
            settings.put("lotse.telegram.url", telegram.url());
            settings.put("lotse.matrix.homeserver", matrix.url());
            settings.put("lotse.matrix.token", matrix.issueToken());
            settings.put("lotse.matrix.counsellors.room", room);
            settings.put("lotse.webchat.rate.messages-per-address", "1000000");
            settings.put("lotse.webchat.rate.sessions-per-address", "1000000");
            List<String> jvm = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
            Map<String, String> direct = new LinkedHashMap<>(settings);
            direct.put("spring.datasource.url", url);
            Map<String, String> proxied = new LinkedHashMap<>(settings);
            proxied.put("spring.datasource.url", "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/test?currentSchema=" + schema);
            try (LotseProcess a = new LotseProcess(JAR, PROJECT, dir.resolve("a"), jvm, direct);
                 LotseProcess b = new LotseProcess(JAR, PROJECT, dir.resolve("b"), jvm, proxied)) {
                a.start(START);
                await().atMost(Duration.ofSeconds(30)).until(() -> leads(a));
                b.start(START);
                assertThat(leads(b)).as("B waits while A leads").isFalse();

                // ---- a console page on A hears of a ticket created through B
                ConsoleSession console = new ConsoleSession(a.url(""), null);
                assertThat(console.logIn("admin", ADMIN_PASSWORD)).endsWith("/console");
                List<String[]> heard = new CopyOnWriteArrayList<>();
                HttpClient streaming = HttpClient.newBuilder().cookieHandler(console.cookies()).build();
                var stream = streaming.sendAsync(HttpRequest.newBuilder(URI.create(a.url("/console/events"))).GET().build(),
                        HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body()
                        .forEach(line -> heard.add(new String[] {String.valueOf(System.nanoTime()), line})));
                await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(l -> l[1].startsWith("event:hello")));
                List<Long> requestsToB = new ArrayList<>();
                long ticket = handOverThroughWebChat(b, requestsToB);
                await().atMost(Duration.ofSeconds(5)).until(() -> seen(heard, "data:" + ticket) > 0);
                long heardAt = seen(heard, "data:" + ticket);
                // from the start of the request to B that created the ticket (the last one begun before A heard of it)
                long createdAt = requestsToB.stream().filter(t -> t < heardAt).mapToLong(Long::longValue).max().orElseThrow();
                double sseMillis = (heardAt - createdAt) / 1e6;
                figures.add(String.format("console stream on A heard of ticket %d created through B %.0f ms after the request to B that created it began", ticket, sseMillis));
                assertThat(sseMillis).as("a browser on A hears of B's ticket within 1 s").isLessThan(1000);
                stream.cancel(true);

                // ---- a claim raced from both: one winner
                ExecutorService race = Executors.newFixedThreadPool(2);
                try {
                    List<Callable<Integer>> claims = List.of(
                            () -> Http.post(a.url("/api/counsellor/tickets/" + ticket + "/claim"), null, ADMIN).status(),
                            () -> Http.post(b.url("/api/counsellor/tickets/" + ticket + "/claim"), null, ADMIN).status());
                    List<Integer> statuses = new ArrayList<>();
                    for (Future<Integer> f : race.invokeAll(claims)) {
                        statuses.add(f.get());
                    }
                    figures.add("claims raced on A and B: " + statuses);
                    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
                } finally {
                    race.shutdownNow();
                }

                // ---- 500 Telegram messages while the leader is killed
                Map<String, Integer> texts = new HashMap<>();
                AtomicLong killedAt = new AtomicLong();
                int telegramCallsAtKill;
                int syncsAtKill;
                int storedAtKill;
                Thread sender = new Thread(() -> {
                    for (int i = 0; i < MESSAGES; i++) {
                        String text = "Frage " + i + ": Was bietet IKÖ an?";
                        synchronized (texts) {
                            texts.put(text, 0);
                        }
                        telegram.privateMessage(7_000_000 + i % PEOPLE, "Person" + i % PEOPLE, text);
                        pause(20);
                    }
                }, "telegram-people");
                sender.start();
                await().atMost(Duration.ofMinutes(2)).until(() -> storedTelegramMessages(url) >= 150);
                telegramCallsAtKill = getUpdates(telegram.calls());
                syncsAtKill = syncs(matrix.requests());
                a.kill();
                killedAt.set(System.nanoTime());
                storedAtKill = storedTelegramMessages(url);
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> getUpdates(telegram.calls()) > telegramCallsAtKill);
                double telegramFailover = (System.nanoTime() - killedAt.get()) / 1e9;
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                        .until(() -> syncs(matrix.requests()) > syncsAtKill);
                double matrixFailover = (System.nanoTime() - killedAt.get()) / 1e9;
                figures.add(String.format("leader A killed (SIGKILL) after %d of %d messages were stored: Telegram polling resumed on B "
                        + "after %.1f s, Matrix sync after %.1f s", storedAtKill, MESSAGES,
                        telegramFailover, matrixFailover));
                assertThat(telegramFailover).as("Telegram polling resumes within 15 s").isLessThan(15);
                assertThat(matrixFailover).as("Matrix sync resumes within 15 s").isLessThan(15);
                assertThat(leads(b)).isTrue();
                sender.join(Duration.ofMinutes(1).toMillis());
                await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> storedTelegramMessages(url) >= MESSAGES);
                Map<String, Integer> stored = storedTexts(url);
                List<String> lost = texts.keySet().stream().filter(t -> !stored.containsKey(t)).sorted().toList();
                List<String> twice = stored.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
                figures.add(String.format("Telegram messages: %d sent, %d stored, %d lost, %d stored twice",
                        MESSAGES, stored.size(), lost.size(), twice.size()));
                assertThat(lost).as("lost").isEmpty();
                assertThat(twice).as("stored twice").isEmpty();
                assertThat(stored).hasSize(MESSAGES);

                // ---- readiness follows B's database
                assertThat(Http.get(b.managementUrl("/actuator/health/readiness"), Map.of()).status()).isEqualTo(200);
                proxy.cut();
                long cut = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Http.get(b.managementUrl("/actuator/health/readiness"), Map.of()).status() == 503);
                double down = (System.nanoTime() - cut) / 1e9;
                proxy.restore();
                long back = System.nanoTime();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                        .until(() -> Http.get(b.managementUrl("/actuator/health/readiness"), Map.of()).status() == 200);
                double up = (System.nanoTime() - back) / 1e9;
                figures.add(String.format("B's readiness: DOWN %.1f s after its database was cut, UP %.1f s after it was back", down, up));
                await().atMost(Duration.ofSeconds(30)).until(() -> leads(b));
            }
        } finally {
            String report = "\nSeveral instances on one PostgreSQL:\n  " + String.join("\n  ", figures) + "\n  logs: " + dir + "\n";
            System.out.println(report);
            Files.writeString(dir.resolve("report.txt"), report);
            TestDatabases.dropSchema(url);
        }
    }

    /** Starts a web chat on the instance, asks for a counsellor, skips the intake; returns the new ticket. */
    private static long handOverThroughWebChat(LotseProcess instance, List<Long> requestStarts) {
        List<Long> before = waiting(instance);
        Http.Response created = Http.post(instance.url("/api/chat/sessions"), null, Map.of());
        String session = created.json().path("sessionId").asString();
        Map<String, String> token = Map.of("X-Chat-Token", created.json().path("token").asString());
        for (Map<String, String> body : List.of(Map.of("text", "/berater"), Map.of("option", "skip"),
                Map.of("option", "skip"), Map.of("option", "skip"))) {
            requestStarts.add(System.nanoTime());
            assertThat(Http.post(instance.url("/api/chat/sessions/" + session + "/messages"), body, token).status()).isEqualTo(200);
        }
        return waiting(instance).stream().filter(id -> !before.contains(id)).findFirst().orElseThrow();
    }

    private static List<Long> waiting(LotseProcess instance) {
        return Http.get(instance.url("/api/counsellor/tickets?status=WAITING"), ADMIN).json().valueStream()
                .map(t -> t.path("id").asLong()).toList();
    }

    /** When the stream first carried the line, or 0. */
    private static long seen(List<String[]> heard, String line) {
        return heard.stream().filter(l -> l[1].equals(line)).mapToLong(l -> Long.parseLong(l[0])).findFirst().orElse(0);
    }

    private static boolean leads(LotseProcess instance) {
        try {
            return Http.get(instance.managementUrl("/actuator/health"), Map.of()).json()
                    .path("components").path("leader").path("details").path("leader").asBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int getUpdates(List<String> calls) {
        return (int) calls.stream().filter("getupdates"::equals).count();
    }

    private static int syncs(List<String> requests) {
        return (int) requests.stream().filter(r -> r.contains("/sync")).count();
    }

    private static int storedTelegramMessages(String url) throws Exception {
        return storedTexts(url).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** What people wrote on Telegram, as stored, with how often. */
    private static Map<String, Integer> storedTexts(String url) throws Exception {
        Map<String, Integer> texts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url, TestDatabases.USER, "");
             PreparedStatement s = c.prepareStatement("""
                     select m.text from message m join conversation c on c.id = m.conversation_id
                     where c.channel = 'telegram' and m.author = 'user' and m.text like 'Frage %'""");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                texts.merge(r.getString(1), 1, Integer::sum);
            }
        }
        return texts;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
