package de.ikoe.lotse;

import de.ikoe.lotse.matrix.FakeHomeserver;
import de.ikoe.lotse.support.Faults;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.LotseProcess;
import de.ikoe.lotse.support.ShippedTexts;
import de.ikoe.lotse.support.TestDatabases;
import de.ikoe.lotse.telegram.FakeBotApi;
import de.ikoe.lotse.telegram.TelegramRendering;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The crash soak: the packaged jar runs as a child process against the project's fake Bot API and
 * fake homeserver (which answer 5% of the bot's calls with 429 and 2% with 500), while many people
 * talk to it at once on the web chat, Telegram and Matrix, half of them handed over to a counsellor
 * who answers through the counsellor API or the counsellors' Matrix room. The process is killed with
 * SIGKILL at random moments and started again on the same data. Afterwards every message is
 * accounted for, per channel: acknowledged, delivered, lost, duplicated.
 *
 * <p>Nothing acknowledged may be lost; nothing may arrive twice on the web chat and on Matrix (the
 * web chat delivers from the transcript, Matrix de-duplicates by transaction id); on Telegram, which
 * has no idempotency key, at most the parts that Telegram had taken but the service had not yet
 * recorded at the moment of a kill ("in flight"), counted from the database after each kill.
 *
 * <p>{@code mvn verify} runs the short form on H2. The long form (at least 5 kills, 1,000
 * conversations): {@code mvn -B verify -Psoak} (H2 and PostgreSQL), or with {@code -Dsoak.form=long}
 * and {@code -Dsoak.databases=h2,postgres}.
 */
class CrashSoakIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/ikoe-lotse.jar");
    private static final String ADMIN_PASSWORD = "soak-admin-password";
    private static final String BOT_TOKEN = "424242:soak-token";
    private static final String COUNSELLOR = "@berta:example.org";
    private static final Map<String, String> ADMIN = Http.basic("admin", ADMIN_PASSWORD);
    /** The longest a person waits for one reaction: a restart on a busy machine included. */
    private static final Duration STEP = Duration.ofMinutes(3);
    /** The room's posts as the shipped texts word them: an editor's rewording must not read as a lost post. */
    private static final Pattern ANNOUNCEMENT = Pattern.compile("^" + Pattern.quote(ShippedTexts.germanStart("room.ticket"))
            + "(\\d+) ");
    private static final String CLAIMED = ShippedTexts.germanStart("room.claimed");
    private static final String PERSON = ShippedTexts.germanStart("room.person");
    private static final String CLOSED = ShippedTexts.germanStart("room.closed");

    /** How big a run is. */
    record Form(String name, int conversations, int kills, int concurrency, Duration limit) {

        static Form named(String name) {
            return switch (name) {
                case "long" -> new Form("long", 1050, 6, 90, Duration.ofMinutes(120));
                case "short" -> new Form("short", 60, 2, 30, Duration.ofMinutes(12));
                default -> throw new IllegalArgumentException("soak.form must be short or long, not " + name);
            };
        }
    }

    static Stream<String> databases() {
        return Arrays.stream(System.getProperty("soak.databases", "h2").split(",")).map(String::strip)
                .filter(d -> !d.isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyAcknowledgedMessageIsDeliveredOnceAcrossKills(String database) throws Exception {
        Form form = Form.named(System.getProperty("soak.form", "short"));
        try (Run run = new Run(database, form)) {
            run.execute();
        }
    }

    enum Channel { WEB, TELEGRAM, MATRIX }

    /** Where the service keeps its data in one run, and how the test reads it afterwards. */
    interface Database extends AutoCloseable {
        Map<String, String> settings();

        Connection connect() throws SQLException;

        @Override
        void close();

        static Database of(String name, Path dir) {
            return switch (name) {
                case "h2" -> new H2(dir.resolve("data"));
                case "postgres" -> {
                    TestDatabases.assumePostgres();
                    yield new Postgres(TestDatabases.freshSchemaUrl());
                }
                default -> throw new IllegalArgumentException("soak.databases: h2 or postgres, not " + name);
            };
        }
    }

    /** The default deployment: the service's own H2 URL (with its durability setting) under a data dir of the run. */
    record H2(Path dataDir) implements Database {
        public Map<String, String> settings() {
            return Map.of("lotse.data.dir", dataDir.toString());
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("lotse"), "sa", "");
        }

        public void close() {
        }
    }

    /** A fresh schema of the real PostgreSQL, dropped afterwards. */
    record Postgres(String url) implements Database {
        public Map<String, String> settings() {
            return Map.of("spring.profiles.active", "postgres", "spring.datasource.url", url,
                    "spring.datasource.username", TestDatabases.USER, "spring.datasource.password", "");
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, TestDatabases.USER, "");
        }

        public void close() {
            String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
            try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES, TestDatabases.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("drop schema " + schema + " cascade");
            } catch (SQLException e) {
                System.err.println("could not drop " + schema + ": " + e.getMessage());
            }
        }
    }

    /**
     * One row of the outbox as the test reads it.
     *
     * @param seen what the person sees of it: the text, or on Telegram the visible text of its messages
     */
    record OutboxRow(long id, String channel, String address, String text, String seen, String status, int partsSent) {
    }

    /** One transcript entry as the test reads it. */
    record Entry(String channel, String address, int seq, String author, String text) {
    }

    /** One run of the soak on one database. */
    static final class Run implements AutoCloseable {

        final String databaseName;
        final Form form;
        final Path dir;
        final Database database;
        final Random random = new Random();
        final Faults telegramFaults = new Faults(0.05, 0.02, random.nextLong());
        final Faults matrixFaults = new Faults(0.05, 0.02, random.nextLong());
        final FakeBotApi telegram = new FakeBotApi(BOT_TOKEN, "lotse_soak_bot");
        final FakeHomeserver matrix = new FakeHomeserver("lotse", "soak-bot-password");
        final String counsellorsRoom;
        final LotseProcess lotse;
        final List<Person> people = new ArrayList<>();
        final AtomicInteger acknowledged = new AtomicInteger();
        final List<String> kills = new CopyOnWriteArrayList<>();
        /** Telegram parts taken by Telegram but not recorded by the service when it was killed, per chat. */
        final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
        final Map<String, Long> waitingTickets = new ConcurrentHashMap<>();
        volatile boolean allDone;
        long started;

        Run(String databaseName, Form form) throws Exception {
            this.databaseName = databaseName;
            this.form = form;
            this.dir = PROJECT.resolve("target/soak/" + databaseName + "-" + form.name() + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(dir);
            assertThat(JAR).as("the packaged jar (mvn package)").exists();
            this.database = Database.of(databaseName, dir);
            telegram.start();
            matrix.start();
            telegram.injectFaults(telegramFaults, 1, "sendMessage", "getUpdates");
            matrix.injectFaults(matrixFaults, 300, "/send/", "/sync");
            counsellorsRoom = matrix.createRoom(COUNSELLOR);
            matrix.invite(counsellorsRoom, COUNSELLOR);
            Map<String, String> settings = new LinkedHashMap<>(database.settings());
            settings.put("lotse.admin.password", ADMIN_PASSWORD);
            settings.put("lotse.knowledge.watch", "false");
            settings.put("lotse.telegram.token", BOT_TOKEN);
            settings.put("lotse.telegram.url", telegram.url());
            settings.put("lotse.matrix.homeserver", matrix.url());
            settings.put("lotse.matrix.token", matrix.issueToken());
            settings.put("lotse.matrix.counsellors.room", counsellorsRoom);
            // many people share the test's one address
            settings.put("lotse.webchat.rate.messages-per-session", "1000");
            settings.put("lotse.webchat.rate.messages-per-address", "1000000");
            settings.put("lotse.webchat.rate.sessions-per-address", "1000000");
            // a killed instance's claims end sooner than the default minute, to keep the run short
            settings.put("lotse.delivery.lease", "10s");
            // for experiments, e.g. -Dsoak.extra=spring.datasource.url=jdbc:h2:file:./target/x/lotse
            for (String extra : System.getProperty("soak.extra", "").split(",")) {
                if (extra.contains("=")) {
                    settings.put(extra.substring(0, extra.indexOf('=')).strip(), extra.substring(extra.indexOf('=') + 1));
                }
            }
            this.lotse = new LotseProcess(JAR, PROJECT, dir.resolve("logs"),
                    List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), settings);
        }

        void execute() throws Exception {
            started = System.nanoTime();
            lotse.start(Duration.ofMinutes(5));
            for (int i = 0; i < form.conversations(); i++) {
                Channel channel = Channel.values()[i % 3];
                boolean handoff = i % 6 < 3;
                boolean viaRoom = i % 12 < 6;
                boolean longReply = i % 5 == 0;
                people.add(switch (channel) {
                    case WEB -> new WebPerson(this, i, handoff, viaRoom, longReply);
                    case TELEGRAM -> new TelegramPerson(this, i, handoff, viaRoom, longReply);
                    case MATRIX -> new MatrixPerson(this, i, handoff, viaRoom, longReply);
                });
            }
            int expectedMessages = people.stream().mapToInt(p -> p.handoff ? 7 : 3).sum();
            ExecutorService pool = Executors.newFixedThreadPool(form.concurrency());
            Thread chaos = new Thread(() -> chaos(expectedMessages), "soak-kills");
            try {
                List<Future<?>> running = new ArrayList<>();
                for (Person person : people) {
                    running.add(pool.submit(person::run));
                }
                chaos.start();
                long deadline = System.nanoTime() + form.limit().toNanos();
                for (Future<?> future : running) {
                    future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                allDone = true;
                chaos.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
                awaitRoomPosts();
            } finally {
                chaos.interrupt();
                pool.shutdownNow();
            }
            Map<WebPerson, List<JsonNode>> webHistories = new HashMap<>();
            for (Person person : people) {
                if (person instanceof WebPerson web) {
                    webHistories.put(web, web.history(0));
                }
            }
            lotse.stop();
            report(webHistories);
        }

        /**
         * Kills the service when a share of the messages has been acknowledged, at a random moment after that,
         * within 100 ms of an acknowledgement.
         */
        private void chaos(int expectedMessages) {
            try {
                for (int k = 1; k <= form.kills(); k++) {
                    int threshold = expectedMessages * k / (form.kills() + 1);
                    await().atMost(form.limit()).pollInterval(Duration.ofMillis(50))
                            .until(() -> acknowledged.get() >= threshold || allDone);
                    if (allDone) {
                        return; // too few kills: the report fails the run
                    }
                    Thread.sleep(random.nextInt(1500));
                    // right after something was acknowledged: the moment a late write to disk would lose it
                    int seen = acknowledged.get();
                    await().atMost(STEP).pollInterval(Duration.ofMillis(5)).until(() -> acknowledged.get() > seen || allDone);
                    Thread.sleep(random.nextInt(100));
                    double at = seconds();
                    lotse.kill();
                    int flying = countInFlight();
                    kills.add(String.format("%.1f s (after %d acknowledged messages; %d Telegram parts in flight)", at,
                            acknowledged.get(), flying));
                    lotse.start(Duration.ofMinutes(5));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Right after a kill, with the service down: the parts Telegram took that the database does not
         * record as sent are in flight; they are the only ones that may arrive twice.
         */
        private int countInFlight() {
            Map<String, Integer> recorded = new HashMap<>();
            for (OutboxRow row : outbox()) {
                if (row.channel().equals("telegram")) {
                    recorded.merge(row.address(), row.partsSent(), Integer::sum);
                }
            }
            int flying = 0;
            for (Person person : people) {
                if (person instanceof TelegramPerson t) {
                    String chat = String.valueOf(t.chatId);
                    int unrecorded = telegram.sentCount(t.chatId) - recorded.getOrDefault(chat, 0)
                            - inFlight.getOrDefault(chat, 0);
                    if (unrecorded > 0) {
                        inFlight.merge(chat, unrecorded, Integer::sum);
                        flying += unrecorded;
                    }
                }
            }
            return flying;
        }

        /** What happens in the counsellors' room comes through the event registry, and may come last. */
        private void awaitRoomPosts() {
            try {
                await().atMost(STEP).pollInterval(Duration.ofMillis(500)).until(() -> roomPosts().missing() == 0);
            } catch (ConditionTimeoutException e) {
                // reported as lost below
            }
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }

        // ---------------------------------------------------------------- the counsellor

        /** The ticket of the person whose intake named this marker: from the API or from the room's announcement. */
        long ticketOf(Person person) {
            if (person.viaRoom) {
                await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> announcement(person.marker) != null);
                return Long.parseLong(announcement(person.marker)[0]);
            }
            await().atMost(STEP).pollInterval(Duration.ofMillis(300)).until(() -> {
                refreshWaitingTickets();
                return waitingTickets.containsKey(person.marker);
            });
            return waitingTickets.get(person.marker);
        }

        /** Ticket number and root event of the bot's announcement that names the marker, or null. */
        String[] announcement(String marker) {
            for (JsonNode event : matrix.sentIn(counsellorsRoom)) {
                String body = event.path("content").path("body").asString("");
                Matcher m = ANNOUNCEMENT.matcher(body);
                if (m.find() && body.contains(marker)) {
                    return new String[] {m.group(1), event.path("event_id").asString()};
                }
            }
            return null;
        }

        private synchronized void refreshWaitingTickets() {
            Http.Response list = call(() -> Http.get(lotse.url("/api/counsellor/tickets?status=WAITING"), ADMIN));
            for (JsonNode ticket : list.json()) {
                String concern = ticket.path("intake").path("concern").asString("");
                Matcher m = Pattern.compile("(M\\d+x\\d+)").matcher(concern);
                if (m.find()) {
                    waitingTickets.put(m.group(1), ticket.path("id").asLong());
                }
            }
        }

        void claim(Person person, long ticket) {
            if (person.viaRoom) {
                String event = matrix.text(counsellorsRoom, COUNSELLOR, "!claim " + ticket);
                awaitTrue(() -> matrix.syncedPast(event));
                return;
            }
            Http.Response claimed = call(() -> Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/claim"), null, ADMIN));
            if (claimed.status() == 409) {
                // the first claim went through before a kill cut its answer off
                assertThat(ticket(ticket).path("claimedBy").asString()).isEqualTo("admin");
            } else {
                assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
            }
        }

        /** Sends a counsellor's reply; returns once the service acknowledged it. */
        void reply(Person person, long ticket, String text) {
            if (person.viaRoom) {
                String root = announcement(person.marker)[1];
                String event = matrix.threadReply(counsellorsRoom, COUNSELLOR, root, text);
                awaitTrue(() -> matrix.syncedPast(event));
                return;
            }
            while (true) {
                try {
                    Http.Response sent = Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/messages"),
                            Map.of("text", text), ADMIN);
                    if (sent.status() == 202) {
                        return;
                    }
                } catch (UncheckedIOException e) {
                    // killed while answering: did the reply get in? A counsellor would look before writing again.
                }
                if (transcriptOf(ticket).contains(text)) {
                    return;
                }
            }
        }

        void close(Person person, long ticket) {
            if (person.viaRoom) {
                String event = matrix.text(counsellorsRoom, COUNSELLOR, "!close " + ticket + " erledigt");
                awaitTrue(() -> matrix.syncedPast(event));
                return;
            }
            while (true) {
                try {
                    Http.Response closed = Http.post(lotse.url("/api/counsellor/tickets/" + ticket + "/close"),
                            Map.of("note", "erledigt"), ADMIN);
                    if (closed.status() == 200) {
                        return;
                    }
                } catch (UncheckedIOException e) {
                    // see below
                }
                if (ticket(ticket).path("status").asString().equals("CLOSED")) {
                    return;
                }
            }
        }

        JsonNode ticket(long ticket) {
            return call(() -> Http.get(lotse.url("/api/counsellor/tickets/" + ticket), ADMIN)).json();
        }

        private List<String> transcriptOf(long ticket) {
            return ticket(ticket).path("transcript").valueStream().map(l -> l.path("text").asString()).toList();
        }

        /** An HTTP call that waits out a restart: the service may be down for a moment. */
        Http.Response call(java.util.function.Supplier<Http.Response> request) {
            long deadline = System.nanoTime() + STEP.toNanos();
            while (true) {
                try {
                    Http.Response response = request.get();
                    if (response.status() < 500) {
                        return response;
                    }
                } catch (UncheckedIOException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                }
                pause();
            }
        }

        static void awaitTrue(BooleanSupplier condition) {
            await().atMost(STEP).pollInterval(Duration.ofMillis(100)).until(condition::getAsBoolean);
        }

        static void pause() {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        // ---------------------------------------------------------------- reading the database

        List<OutboxRow> outbox() {
            List<OutboxRow> rows = new ArrayList<>();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select id, channel, address, text, reply, status, parts_sent from outbox order by id")) {
                while (r.next()) {
                    String channel = r.getString(2);
                    String text = r.getString(4);
                    String seen = "telegram".equals(channel) ? TelegramRendering.visible(r.getString(5), text) : text;
                    rows.add(new OutboxRow(r.getLong(1), channel, r.getString(3), text, seen, r.getString(6), r.getInt(7)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return rows;
        }

        List<Entry> transcripts() {
            List<Entry> entries = new ArrayList<>();
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("""
                         select c.channel, c.address, m.seq, m.author, m.text
                         from message m join conversation c on c.id = m.conversation_id order by c.id, m.seq""")) {
                while (r.next()) {
                    entries.add(new Entry(r.getString(1), r.getString(2), r.getInt(3), r.getString(4), r.getString(5)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return entries;
        }

        int incompletePublications() {
            try (Connection c = database.connect(); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("select count(*) from event_publication where completion_date is null")) {
                r.next();
                return r.getInt(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        // ---------------------------------------------------------------- accounting

        /** The bot's posts in the counsellors' room against what every handed-over person caused. */
        Tally roomPosts() {
            Map<String, String> rootOfMarker = new HashMap<>();
            Map<String, Integer> found = new HashMap<>();
            List<JsonNode> posts = matrix.sentIn(counsellorsRoom).stream()
                    .filter(e -> matrix.botUserId().equals(e.path("sender").asString())).toList();
            for (Person person : people) {
                for (JsonNode post : posts) {
                    String body = post.path("content").path("body").asString("");
                    if (ANNOUNCEMENT.matcher(body).find() && body.contains(person.marker)) {
                        rootOfMarker.putIfAbsent(person.marker, post.path("event_id").asString());
                        found.merge(person.marker + ":announce", 1, Integer::sum);
                    }
                }
            }
            Map<String, String> markerOfRoot = new HashMap<>();
            rootOfMarker.forEach((marker, root) -> markerOfRoot.put(root, marker));
            for (JsonNode post : posts) {
                String marker = markerOfRoot.get(post.path("content").path("m.relates_to").path("event_id").asString(""));
                String body = post.path("content").path("body").asString("");
                if (marker != null) {
                    String kind = body.startsWith(CLAIMED) ? "claimed" : body.startsWith(PERSON) ? "person:"
                            + body.substring(PERSON.length()) : body.startsWith(CLOSED) ? "closed" : "other";
                    found.merge(marker + ":" + kind, 1, Integer::sum);
                }
            }
            Tally tally = new Tally();
            for (Person person : people) {
                List<String> expected = new ArrayList<>();
                if (person.handedOver) {
                    expected.add("announce");
                }
                if (person.claimed) {
                    expected.add("claimed");
                }
                person.relayed.forEach(text -> expected.add("person:" + text));
                if (person.closed) {
                    expected.add("closed");
                }
                for (String kind : expected) {
                    tally.expect(found.getOrDefault(person.marker + ":" + kind, 0), "room post " + kind + " for "
                            + person + " (" + person.marker + ")");
                }
            }
            return tally;
        }

        private void report(Map<WebPerson, List<JsonNode>> webHistories) {
            List<Entry> transcript = transcripts();
            List<OutboxRow> outbox = outbox();
            int incomplete = incompletePublications();
            Map<String, List<Entry>> byConversation = new HashMap<>();
            transcript.forEach(e -> byConversation.computeIfAbsent(e.channel() + " " + e.address(), k -> new ArrayList<>()).add(e));
            Map<String, List<OutboxRow>> rowsByConversation = new HashMap<>();
            outbox.forEach(r -> rowsByConversation.computeIfAbsent(r.channel() + " " + r.address(), k -> new ArrayList<>()).add(r));

            Map<String, Tally> lines = new LinkedHashMap<>();
            for (Channel channel : Channel.values()) {
                String name = channel.name().toLowerCase();
                lines.put(name + "  person -> service", new Tally());
                lines.put(name + "  service -> person", new Tally());
                lines.put(name + "  counsellor -> person", new Tally());
            }
            for (Person person : people) {
                String name = person.channel().name().toLowerCase();
                List<Entry> entries = byConversation.getOrDefault(person.conversationKey(), List.of());
                // what the person wrote and the service acknowledged is in the transcript, once
                Tally in = lines.get(name + "  person -> service");
                for (String text : person.wrote) {
                    in.expect((int) entries.stream().filter(e -> e.author().equals("user") && e.text().equals(text)).count(),
                            person + " wrote '" + text + "'");
                }
                // what the counsellor said and the service acknowledged reached the person, once
                Tally counsellor = lines.get(name + "  counsellor -> person");
                List<String> delivered = person instanceof WebPerson web ? webHistories.get(web).stream()
                        .filter(m -> !m.path("author").asString().equals("user")).map(m -> m.path("text").asString()).toList()
                        : person.received();
                for (String reply : person.counsellorReplies) {
                    String end = reply.substring(reply.length() - 12);
                    counsellor.expect((int) delivered.stream().filter(t -> t.contains(end)).count(),
                            person + " counsellor reply ending '" + end + "'");
                }
                // every message the service queued for the person arrived, once
                Tally out = lines.get(name + "  service -> person");
                List<OutboxRow> rows = rowsByConversation.getOrDefault(person.conversationKey(), List.of());
                match(rows, delivered, person.channel() == Channel.TELEGRAM, out, person.toString());
            }
            Tally room = roomPosts();
            lines.put("matrix  counsellors' room posts", room);

            int flying = inFlight.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder table = new StringBuilder();
            long handoffs = people.stream().filter(p -> p.handoff).count();
            table.append(String.format("%nCrash soak, %s form, on %s: %d conversations (%d per channel, %d handed over to a "
                            + "counsellor), %d kills (SIGKILL), %d starts, %.0f s%n", form.name(), databaseName,
                    people.size(), people.size() / 3, handoffs, kills.size(), lotse.starts(), seconds()));
            kills.forEach(k -> table.append("  kill at ").append(k).append('\n'));
            table.append(String.format("  faults injected: Telegram %d x 429, %d x 500; Matrix %d x 429, %d x 500%n",
                    telegramFaults.rateLimited(), telegramFaults.serverErrors(), matrixFaults.rateLimited(),
                    matrixFaults.serverErrors()));
            table.append(String.format("  %-34s %12s %10s %6s %11s%n", "", "acknowledged", "delivered", "lost", "duplicated"));
            lines.forEach((name, t) -> table.append(String.format("  %-34s %12d %10d %6d %11d%n", name, t.acknowledged,
                    t.delivered, t.lost, t.duplicated)));
            table.append(String.format("  Telegram parts in flight at the kills: %d; incomplete event publications at the end: %d%n",
                    flying, incomplete));
            List<String> stuck = people.stream().filter(p -> p.stuck != null).map(p -> p + ": " + p.stuck).toList();
            if (!stuck.isEmpty()) {
                table.append("  conversations that did not finish their script:\n");
                stuck.stream().limit(20).forEach(s -> table.append("    ").append(s).append('\n'));
            }
            lines.values().stream().flatMap(t -> t.problems.stream()).limit(40)
                    .forEach(p -> table.append("    ").append(p).append('\n'));
            table.append("  logs: ").append(lotse.logs()).append('\n');
            System.out.println(table);
            writeReport(table.toString());

            lines.forEach((name, t) -> assertThat(t.lost).as(name + " lost\n" + table).isZero());
            lines.forEach((name, t) -> {
                if (name.startsWith("telegram  service") || name.startsWith("telegram  counsellor")) {
                    assertThat(t.duplicated).as(name + " duplicated beyond the parts in flight\n" + table)
                            .isLessThanOrEqualTo(flying);
                } else {
                    assertThat(t.duplicated).as(name + " duplicated\n" + table).isZero();
                }
            });
            assertThat(stuck).as("conversations that got stuck\n" + table).isEmpty();
            assertThat(incomplete).as("event publications left incomplete\n" + table).isZero();
            assertThat(kills).hasSize(form.kills());
        }

        private void writeReport(String table) {
            try {
                Files.writeString(dir.resolve("report.txt"), table);
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Matches the outbox rows of one conversation, in order, against what the person received, in order.
         * A row arrived when its text arrived, in one piece or (Telegram) in consecutive parts; a piece that
         * comes again right after itself is a duplicate; what matches no row is counted as duplicated too.
         */
        static void match(List<OutboxRow> rows, List<String> received, boolean parts, Tally tally, String who) {
            int i = 0;
            for (OutboxRow row : rows) {
                String text = squeeze(row.seen());
                int pos = 0;
                String last = null;
                while (pos < text.length() && i < received.size()) {
                    String piece = squeeze(received.get(i));
                    if (!piece.isEmpty() && (parts ? text.startsWith(piece, pos) : piece.startsWith(text))) {
                        pos = parts ? pos + piece.length() : text.length();
                        last = piece;
                        i++;
                    } else if (piece.equals(last)) {
                        tally.duplicate(who + " got twice: " + abbreviate(received.get(i)));
                        i++;
                    } else {
                        break;
                    }
                }
                if (pos == text.length()) {
                    tally.delivered();
                    while (i < received.size() && squeeze(received.get(i)).equals(last)) {
                        tally.duplicate(who + " got twice: " + abbreviate(received.get(i)));
                        i++;
                    }
                } else {
                    tally.lost(who + " never got outbox row " + row.id() + " (" + row.status() + "): "
                            + abbreviate(row.text()));
                }
            }
            for (; i < received.size(); i++) {
                tally.duplicate(who + " got a message the outbox does not hold: " + abbreviate(received.get(i)));
            }
        }

        private static String squeeze(String text) {
            return text.replaceAll("\\s+", "");
        }

        private static String abbreviate(String text) {
            String line = text.replace('\n', ' ');
            return line.length() > 70 ? line.substring(0, 70) + "…" : line;
        }

        @Override
        public void close() {
            lotse.close();
            telegram.close();
            matrix.close();
            database.close();
        }
    }

    /** Counts of one line of the report, and what went wrong. */
    static final class Tally {
        int acknowledged;
        int delivered;
        int lost;
        int duplicated;
        int missing;
        final List<String> problems = new ArrayList<>();

        /** One acknowledged thing that should be found exactly once, found {@code count} times. */
        void expect(int count, String what) {
            acknowledged++;
            if (count == 0) {
                lost++;
                missing++;
                problems.add("lost: " + what);
            } else {
                delivered++;
                if (count > 1) {
                    duplicated += count - 1;
                    problems.add("duplicated " + (count - 1) + "x: " + what);
                }
            }
        }

        void delivered() {
            acknowledged++;
            delivered++;
        }

        void lost(String what) {
            acknowledged++;
            lost++;
            problems.add("lost: " + what);
        }

        void duplicate(String what) {
            duplicated++;
            problems.add("duplicated: " + what);
        }

        int missing() {
            return missing;
        }
    }

    /**
     * One person's conversation: a few questions, and for half of them a handover to a counsellor
     * (intake, claim, two replies, a message relayed to the counsellor, close) and a last question.
     */
    abstract static class Person {

        static final List<String> QUESTIONS = List.of("Was ist interkulturelle Öffnung?",
                "Gibt es Fortbildungen für Verwaltungen in Jena?", "Wie erreiche ich das Zentrum?");

        final Run run;
        final int index;
        final boolean handoff;
        final boolean viaRoom;
        final boolean longReply;
        /** Names the person's ticket: it is part of their concern in the intake. */
        final String marker;
        /** What the person wrote and the service acknowledged. */
        final List<String> wrote = new CopyOnWriteArrayList<>();
        /** What the person wrote while a counsellor held the conversation: relayed to the counsellors' room. */
        final List<String> relayed = new CopyOnWriteArrayList<>();
        final List<String> counsellorReplies = new CopyOnWriteArrayList<>();
        volatile long ticket;
        volatile boolean handedOver;
        volatile boolean claimed;
        volatile boolean closed;
        volatile String stuck;

        Person(Run run, int index, boolean handoff, boolean viaRoom, boolean longReply) {
            this.run = run;
            this.index = index;
            this.handoff = handoff;
            this.viaRoom = viaRoom;
            this.longReply = longReply;
            this.marker = "M" + index + "x" + (1000 + run.random.nextInt(9000));
        }

        abstract Channel channel();

        /** channel and address of the person's conversation, as the database has them. */
        abstract String conversationKey();

        abstract void setUp();

        /** Writes to the service and returns once it acknowledged the message. */
        abstract void write(String text);

        /** What the service sent the person so far, in order (Telegram: one entry per part). */
        abstract List<String> received();

        abstract int receivedCount();

        void run() {
            try {
                setUp();
                exchange(QUESTIONS.get(0));
                if (!handoff) {
                    exchange(QUESTIONS.get(1));
                    exchange(QUESTIONS.get(2));
                    return;
                }
                exchange("/berater");
                exchange("Verwaltung");
                exchange("Jena");
                int asked = receivedCount();
                write("Schulung für unser Team " + marker);
                handedOver = true; // the ticket is in the transaction that acknowledged the intake's last answer
                awaitReceived(asked + 1);
                ticket = run.ticketOf(this);
                int before = receivedCount();
                run.claim(this, ticket);
                claimed = true;
                awaitReceived(before + 1);
                counsellorSays("Guten Tag, hier ist Berta vom Zentrum. R1-" + marker);
                String thanks = "Danke, dann bis später " + marker;
                write(thanks);
                relayed.add(thanks);
                counsellorSays(longReply ? longText() : "Ich melde mich morgen wieder. R2-" + marker);
                before = receivedCount();
                run.close(this, ticket);
                closed = true;
                awaitReceived(before + 1);
                exchange("Was macht das ThüZIKÖ?");
            } catch (ConditionTimeoutException | AssertionError | IllegalStateException | UncheckedIOException e) {
                stuck = e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            }
        }

        private void exchange(String text) {
            int before = receivedCount();
            write(text);
            awaitReceived(before + 1);
        }

        private void counsellorSays(String text) {
            run.reply(this, ticket, text);
            counsellorReplies.add(text);
            String end = text.substring(text.length() - 12);
            await().atMost(STEP).pollInterval(pollInterval()).until(() -> received().stream().anyMatch(t -> t.contains(end)));
        }

        void acknowledged(String text) {
            wrote.add(text);
            run.acknowledged.incrementAndGet();
        }

        void awaitReceived(int count) {
            await().atMost(STEP).pollInterval(pollInterval()).until(() -> receivedCount() >= count);
        }

        /** How often the person looks for news: cheap for the fakes, an HTTP request for the web chat. */
        Duration pollInterval() {
            return Duration.ofMillis(200);
        }

        /** A reply long enough for Telegram to take it in two parts. */
        private String longText() {
            StringBuilder text = new StringBuilder("Hier die Übersicht, die Sie sich gewünscht haben. R2-" + marker + "\n\n");
            int paragraph = 0;
            while (text.length() < 3800) {
                text.append("Absatz ").append(++paragraph).append(": Für Ihre Verwaltung bieten sich Fortbildungen zur "
                        + "interkulturellen Kompetenz an, ergänzt um eine Prozessbegleitung im Haus.\n\n");
            }
            return text.append("Viele Grüße, Berta. ENDE-").append(marker).toString();
        }

        @Override
        public String toString() {
            return channel().name().toLowerCase() + " person " + index;
        }
    }

    static final class WebPerson extends Person {

        String session;
        String token;
        int step;

        WebPerson(Run run, int index, boolean handoff, boolean viaRoom, boolean longReply) {
            super(run, index, handoff, viaRoom, longReply);
        }

        Channel channel() {
            return Channel.WEB;
        }

        String conversationKey() {
            return "web " + session;
        }

        void setUp() {
            Http.Response created = run.call(() -> Http.post(run.lotse.url("/api/chat/sessions"), null, Map.of()));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            session = created.json().path("sessionId").asString();
            token = created.json().path("token").asString();
        }

        /** As the widget does: the same clientId again after a failed request, until the service answers. */
        void write(String text) {
            String clientId = "c" + index + "-" + (++step);
            Http.Response sent = run.call(() -> Http.post(run.lotse.url("/api/chat/sessions/" + session + "/messages"),
                    Map.of("text", text, "clientId", clientId), Map.of("X-Chat-Token", token)));
            assertThat(sent.status()).as(sent.body()).isEqualTo(200);
            acknowledged(text);
        }

        List<JsonNode> history(int after) {
            return run.call(() -> Http.get(run.lotse.url("/api/chat/sessions/" + session + "/messages?after=" + after),
                    Map.of("X-Chat-Token", token))).json().path("messages").valueStream().toList();
        }

        List<String> received() {
            return history(0).stream().filter(m -> !m.path("author").asString().equals("user"))
                    .map(m -> m.path("text").asString()).toList();
        }

        int receivedCount() {
            return received().size();
        }

        @Override
        Duration pollInterval() {
            return Duration.ofMillis(500);
        }
    }

    static final class TelegramPerson extends Person {

        final long chatId;

        TelegramPerson(Run run, int index, boolean handoff, boolean viaRoom, boolean longReply) {
            super(run, index, handoff, viaRoom, longReply);
            chatId = 900_000 + index;
        }

        Channel channel() {
            return Channel.TELEGRAM;
        }

        String conversationKey() {
            return "telegram " + chatId;
        }

        void setUp() {
        }

        /** Acknowledged when the bot confirmed the update to Telegram (a later getUpdates offset). */
        void write(String text) {
            long update = run.telegram.privateMessage(chatId, "Person " + index, text);
            Run.awaitTrue(() -> run.telegram.confirmedOffset() > update);
            acknowledged(text);
        }

        List<String> received() {
            return run.telegram.seenIn(chatId);
        }

        int receivedCount() {
            return run.telegram.sentCount(chatId);
        }
    }

    static final class MatrixPerson extends Person {

        final String user;
        String room;

        MatrixPerson(Run run, int index, boolean handoff, boolean viaRoom, boolean longReply) {
            super(run, index, handoff, viaRoom, longReply);
            user = "@person" + index + ":example.org";
        }

        Channel channel() {
            return Channel.MATRIX;
        }

        String conversationKey() {
            return "matrix " + room;
        }

        void setUp() {
            room = run.matrix.createRoom(user);
            run.matrix.invite(room, user);
            Run.awaitTrue(() -> run.matrix.joinedRooms(run.matrix.botUserId()).contains(room));
        }

        /** Acknowledged when the bot synced past the event, i.e. stored a next_batch behind it. */
        void write(String text) {
            String event = run.matrix.text(room, user, text);
            Run.awaitTrue(() -> run.matrix.syncedPast(event));
            acknowledged(text);
        }

        List<String> received() {
            return run.matrix.sentIn(room).stream().map(e -> e.path("content").path("body").asString()).toList();
        }

        int receivedCount() {
            return run.matrix.sentCount(room);
        }
    }
}
