package de.ikoe.lotse.bench;

import de.ikoe.lotse.conversation.Answerer;
import de.ikoe.lotse.conversation.InProcessAnswerer;
import de.ikoe.lotse.knowledge.internal.KnowledgeBench;
import de.ikoe.lotse.matrix.FakeHomeserver;
import de.ikoe.lotse.support.LotseProcess;
import de.ikoe.lotse.telegram.FakeBotApi;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The benchmark suite. {@code mvn -B verify -Pbenchmarks} runs it whole and writes BENCHMARKS.md at
 * the project's root; every {@code mvn verify} runs it once in its smallest form (a smoke: one short
 * iteration of each benchmark, figures written to target/benchmarks/BENCHMARKS.md), which asserts
 * only that each benchmark ran and produced a figure. No figure is held to a target here: the
 * targets are judged in the report.
 */
class BenchmarksIT {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path JAR = PROJECT.resolve("target/ikoe-lotse.jar");
    private static final Path SHIPPED = PROJECT.resolve("knowledge-base");
    private static final Path QUESTIONS = Path.of(System.getProperty("lotse.eval.dev",
            "../shared/eval/dev-questions.tsv")).toAbsolutePath().normalize();
    private static final Path WORK = PROJECT.resolve("target/benchmarks");
    private static final Path NOTES = PROJECT.resolve("src/test/resources/benchmarks/notes.md");
    private static final String COMMAND = "mvn -B verify -Pbenchmarks";
    private static final String BOT_TOKEN = "454545:bench-token";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** How big a run is. */
    record Plan(boolean full, JmhRun.Size jmh, int fuzzSamples, List<Integer> scaleSizes, int scaleRounds,
                int starts, int wrkSeconds, int channelPeople, int channelRate, int channelMessages, int streams,
                int streamRate, int streamMessages) {

        static final Plan SMOKE = new Plan(false, JmhRun.Size.SMOKE, 30, List.of(200), 1, 0, 3, 5, 20, 10, 20, 10,
                5);
        /** The scale benchmark's sizes: -Dbenchmarks.scale=1000,10000,100000 (see BENCHMARKS.md for why not 100k by default). */
        static final Plan FULL = new Plan(true, JmhRun.Size.FULL, 500,
                sizes(System.getProperty("benchmarks.scale", "1000,10000")), 5, 3, 15, 100, 100, 2000, 2000, 50, 500);

        private static List<Integer> sizes(String list) {
            return java.util.Arrays.stream(list.split(",")).map(String::strip).map(Integer::valueOf).toList();
        }
    }

    private final Plan plan = "full".equals(System.getProperty("benchmarks")) ? Plan.FULL : Plan.SMOKE;
    private final List<Double> figures = new ArrayList<>();
    private Report report;
    private List<Question> questions;

    @Test
    void benchmarks() throws Exception {
        if (!Files.exists(QUESTIONS)) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI must have " + QUESTIONS);
            Assumptions.abort("skipped: " + QUESTIONS + " not found (the shared folder lies beside the project)");
        }
        assertThat(JAR).as("the packaged jar (mvn package)").exists();
        questions = Question.load(QUESTIONS);
        Files.createDirectories(WORK);
        report = new Report(plan.full() ? "Benchmarks" : "Benchmarks (smoke: one short iteration each, not figures to "
                + "quote)", plan.full() ? COMMAND : "mvn verify (the smoke of " + COMMAND + ")", NOTES);
        report.machine();
        answerPath();
        worstCase();
        scale();
        if (plan.full()) {
            startToReady();
        }
        service();
        Path file = plan.full() ? PROJECT.resolve("BENCHMARKS.md") : WORK.resolve("BENCHMARKS.md");
        report.write(file);
        System.out.println("Benchmarks written to " + file);
        report.verdicts().forEach(v -> System.out.println("  " + v));
        assertThat(figures).as("every benchmark's figures").isNotEmpty()
                .allSatisfy(f -> assertThat(f).isFinite().isPositive());
    }

    private Map<String, String> jmhProperties() {
        return Map.of(AnswerBenchmark.KNOWLEDGE_DIR, SHIPPED.toString(), AnswerBenchmark.QUESTIONS,
                QUESTIONS.toString(), WorstCaseBenchmark.INPUTS, WORK.resolve("worst-inputs.txt").toString());
    }

    private double figure(double value) {
        figures.add(value);
        return value;
    }

    private void answerPath() {
        List<JmhRun.Figure> results = JmhRun.run(plan.jmh(), AnswerBenchmark.class.getName() + ".*", jmhProperties(),
                List.of());
        JmhRun.Figure full = named(results, "fullAnswer");
        JmhRun.Figure bare = named(results, "bareBm25");
        report.section("1. The answer path in-process");
        report.paragraph("JMH in sample-time mode (every call timed), one thread, " + describe(plan.jmh()) + ". `fullAnswer`: "
                + "`Answerer.answer` as `POST /api/ask` calls it (language, intent classifier, place/target group/format, "
                + "search with spelling correction and synonyms, confidence, composing the text, counting the answer), "
                + "over the " + questions.size() + " development questions in turn, on the shipped knowledge base. "
                + "`bareBm25`: the floor, the same questions' analysed words as one Lucene `BooleanQuery` of SHOULD term "
                + "queries on the field of all text, top 5, on the same index.");
        report.table(List.of("benchmark", "answers/s (one thread)", "mean", "p50", "p99", "calls timed"),
                List.of(row(full), row(bare)));
        double ratio = full.meanMicros() / bare.meanMicros();
        report.target("the full answer ≤ 3× the bare query (mean time)", Report.number(ratio, "%.1f×"), ratio <= 3);
        report.target("p99 ≤ 2 ms", Report.millis(full.p99Micros() / 1000), full.p99Micros() <= 2000);
        report.note("answer");
        figure(full.meanMicros());
        figure(bare.meanMicros());
    }

    private void worstCase() throws Exception {
        Path inputs = WORK.resolve("worst-inputs.txt");
        String slowest;
        try (KnowledgeBench knowledge = KnowledgeBench.open(SHIPPED, Clock.systemDefaultZone())) {
            Answerer answerer = InProcessAnswerer.over(knowledge.search());
            slowest = WorstInputs.slowestFuzz(answerer, questions, plan.fuzzSamples());
        }
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(WorstInputs.NORMAL, WorstInputs.NORMAL_QUESTION);
        texts.put(WorstInputs.SLOWEST_FUZZ, slowest);
        texts.put(WorstInputs.LONG, WorstInputs.longMessage(questions));
        WorstInputs.write(inputs, texts);
        List<JmhRun.Figure> results = JmhRun.run(plan.jmh(), WorstCaseBenchmark.class.getName() + ".*",
                jmhProperties(), List.of());
        report.section("7. Worst case");
        report.paragraph("The full answer (as in 1.) to three inputs, JMH as above: a normal question (\""
                + WorstInputs.NORMAL_QUESTION + "\"); the slowest of " + plan.fuzzSamples() + " texts of the fuzzers' "
                + "generator (`fuzz/Junk.text()`, drawn at random, those of at most 4,000 characters: longer ones are refused "
                + "before any search), found by timing each after a warm-up and the five slowest again; and a message "
                + "of exactly 4,000 characters, the development questions one after another. The slowest fuzz text: "
                + WorstInputs.describe(slowest) + ".");
        JmhRun.Figure normal = named(results, WorstInputs.NORMAL);
        List<List<String>> rows = new ArrayList<>();
        for (String name : texts.keySet()) {
            JmhRun.Figure f = named(results, name);
            rows.add(List.of(name, Report.millis(f.meanMicros() / 1000), Report.millis(f.p50Micros() / 1000),
                    Report.millis(f.p99Micros() / 1000), Report.number(f.meanMicros() / normal.meanMicros(), "%.1f×")));
            figure(f.meanMicros());
        }
        report.table(List.of("input", "mean", "p50", "p99", "mean against the normal question"), rows);
        for (String name : List.of(WorstInputs.SLOWEST_FUZZ, WorstInputs.LONG)) {
            double ratio = named(results, name).meanMicros() / normal.meanMicros();
            report.target(name + " ≤ 3× the normal question", Report.number(ratio, "%.1f×"), ratio <= 3);
        }
        report.note("worst");
    }

    private void scale() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        ScaleBenchmark.Figure largest = null;
        for (int size : plan.scaleSizes()) {
            ScaleBenchmark.Figure f = ScaleBenchmark.measure(SHIPPED, WORK.resolve("kb-" + size), size, questions,
                    plan.scaleRounds());
            rows.add(List.of(String.format("%,d", f.documents()), Report.number(f.buildSeconds(), "%.1f s"),
                    Report.millis(f.p50Millis()), Report.millis(f.p99Millis()),
                    Report.number(f.heapMegabytes(), "%.0f MB"), Report.number(f.reloadSeconds(), "%.1f s"),
                    Report.number(f.generateSeconds(), "%.1f s")));
            figure(f.buildSeconds());
            figure(f.p50Millis());
            largest = f;
        }
        report.section("3. Scale");
        report.paragraph("Knowledge bases generated from the shipped one (`KnowledgeBaseGenerator`): the shipped files, "
                + "and new documents each shaped like a shipped one of its kind and language (same fields, lists, "
                + "regions, target groups, formats, dates and length) with its words drawn from the shipped documents "
                + "of that language as often as they occur there; invented providers marked as examples, example.org "
                + "contacts. In the suite's JVM, one size after the other: *build* is `KnowledgeIndex` loading the "
                + "folder, parsing, indexing and training the intent classifier (what a start and a reload do); "
                + "*p50/p99* the full answer over the development questions, " + plan.scaleRounds()
                + " rounds after as many to warm up; *heap* the live heap after full collections with the index "
                + "minus before it; *reload* a rebuild while the old index is still held.");
        report.table(List.of("documents", "build", "answer p50", "answer p99", "heap", "reload", "(generating the files)"),
                rows);
        if (plan.full() && largest != null && largest.documents() >= 100_000) {
            report.target("at 100k build ≤ 60 s", Report.number(largest.buildSeconds(), "%.1f s"),
                    largest.buildSeconds() <= 60);
            report.target("at 100k p99 ≤ 20 ms", Report.millis(largest.p99Millis()), largest.p99Millis() <= 20);
            report.target("at 100k heap ≤ 512 MB", Report.number(largest.heapMegabytes(), "%.0f MB"),
                    largest.heapMegabytes() <= 512);
        } else if (plan.full() && largest != null) {
            double times = 100_000.0 / largest.documents();
            report.target("at 100k build ≤ 60 s (100k not run by default, see below)", "about "
                    + Report.number(largest.buildSeconds() * times, "%.0f s") + " extrapolated linearly from "
                    + String.format("%,d", largest.documents()), largest.buildSeconds() * times <= 60);
            report.target("at 100k heap ≤ 512 MB", "about " + Report.number(largest.heapMegabytes() * times, "%.0f MB")
                    + " extrapolated linearly", largest.heapMegabytes() * times <= 512);
        }
        report.note("scale");
    }

    private Map<String, String> quietSettings(Path data) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("lotse.data.dir", data.toString());
        settings.put("lotse.knowledge.dir", SHIPPED.toString());
        settings.put("lotse.knowledge.watch", "false");
        settings.put("lotse.admin.password", "bench-admin-password");
        return settings;
    }

    private void startToReady() throws Exception {
        Path dir = WORK.resolve("start");
        Folders.deleteTree(dir);
        Files.createDirectories(dir);
        StartBenchmark.Figure plain = StartBenchmark.run("`java -jar target/ikoe-lotse.jar`", JAR, List.of(),
                quietSettings(dir.resolve("data-plain")), dir, plan.starts());
        var cds = StartBenchmark.classDataSharing(JAR, dir, quietSettings(dir.resolve("data-training")));
        StartBenchmark.Figure shared = StartBenchmark.run("extracted jar with a CDS archive", cds.getKey(),
                cds.getValue(), quietSettings(dir.resolve("data-cds")), dir, plan.starts());
        report.section("4. Start to ready");
        report.paragraph("The packaged jar started " + plan.starts() + " times on one data folder (the first start "
                + "creates the H2 database; the others find it), timed from launching `java` until the service "
                + "answered `GET /` (polled every 50 ms) plus the first `POST /api/ask` it answered; *Spring* is the "
                + "log's \"Started LotseApplication in\", *index* the log's time to load the knowledge base, build "
                + "the index and train the classifier. Then the same with Spring Boot's extracted layout "
                + "(`java -Djarmode=tools -jar target/ikoe-lotse.jar extract`) and a class data sharing archive from a "
                + "training run (`-XX:ArchiveClassesAtExit` with `-Dspring.context.exit=onRefresh`), started with "
                + "`-XX:SharedArchiveFile`.");
        List<List<String>> rows = new ArrayList<>();
        for (StartBenchmark.Figure f : List.of(plain, shared)) {
            for (int i = 0; i < f.starts().size(); i++) {
                StartBenchmark.Start s = f.starts().get(i);
                rows.add(List.of(f.variant(), i == 0 ? "first (new database)" : "again",
                        Report.number(s.toFirstAnswerSeconds(), "%.1f s"), Report.number(s.springSeconds(), "%.1f s"),
                        Report.number(s.indexSeconds(), "%.2f s")));
                figure(s.toFirstAnswerSeconds());
            }
        }
        report.table(List.of("how", "start", "to the first answer", "Spring", "index"), rows);
        double best = Math.min(plain.medianRestartSeconds(), shared.medianRestartSeconds());
        report.target("≤ 8 s to the first answer (median of the starts after the first; the better way)",
                Report.number(plain.medianRestartSeconds(), "%.1f s") + " as packaged, "
                        + Report.number(shared.medianRestartSeconds(), "%.1f s") + " with CDS", best <= 8);
        report.note("start");
    }

    private void service() throws Exception {
        Path dir = WORK.resolve("service");
        Folders.deleteTree(dir);
        Files.createDirectories(dir);
        try (FakeBotApi telegram = new FakeBotApi(BOT_TOKEN, "lotse_bench_bot").start();
             FakeHomeserver matrix = new FakeHomeserver("lotse", "bench-bot-password").start()) {
            Map<String, String> settings = quietSettings(dir.resolve("data"));
            settings.put("lotse.telegram.token", BOT_TOKEN);
            settings.put("lotse.telegram.url", telegram.url());
            settings.put("lotse.matrix.homeserver", matrix.url());
            settings.put("lotse.matrix.token", matrix.issueToken());
            // every request comes from 127.0.0.1: the limits per address are lifted for the benchmark
            settings.put("lotse.webchat.rate.asks-per-address", "1000000000");
            settings.put("lotse.webchat.rate.messages-per-session", "1000000");
            settings.put("lotse.webchat.rate.messages-per-address", "1000000000");
            settings.put("lotse.webchat.rate.sessions-per-address", "1000000000");
            settings.put("lotse.webchat.rate.streams-per-address", "1000000");
            LotseProcess lotse = new LotseProcess(JAR, dir, dir.resolve("logs"), List.of(), settings);
            try (lotse) {
                lotse.start(Duration.ofMinutes(3));
                if (!plan.full()) {
                    figure(lotse.lastStart().toNanos() / 1e9);
                }
                http(lotse);
                channels(lotse, telegram, matrix);
                streams(lotse);
            }
        }
    }

    private void http(LotseProcess lotse) throws Exception {
        report.section("2. HTTP");
        if (!Wrk.installed()) {
            assertThat(plan.full()).as("wrk is needed for the HTTP benchmark: apt-get install wrk").isFalse();
            report.paragraph("Skipped: `wrk` is not installed (`apt-get install wrk`).");
            return;
        }
        List<String> bodies = questions.stream()
                .map(q -> JSON.writeValueAsString(Map.of("text", q.text(), "lang", q.lang()))).toList();
        Path script = Wrk.postScript(WORK.resolve("ask.lua"), "/api/ask", bodies);
        String ask = lotse.url("/api/ask");
        String file = lotse.url("/favicon.svg");
        int warmUp = plan.full() ? 10 : 1;
        Wrk.run(ask, 32, warmUp, script);
        Wrk.run(file, 32, warmUp, null);
        List<List<String>> rows = new ArrayList<>();
        Map<String, Wrk.Figure> measured = new LinkedHashMap<>();
        for (int connections : List.of(1, 32)) {
            Wrk.Figure a = Wrk.run(ask, connections, plan.wrkSeconds(), script);
            Wrk.Figure f = Wrk.run(file, connections, plan.wrkSeconds(), null);
            measured.put("ask" + connections, a);
            measured.put("file" + connections, f);
            rows.add(List.of("`POST /api/ask`", String.valueOf(connections), Report.number(a.perSecond(), "%.0f"),
                    Report.millis(a.p50Millis()), Report.millis(a.p99Millis()), String.format("%,d", a.requests())));
            rows.add(List.of("`GET /favicon.svg`", String.valueOf(connections), Report.number(f.perSecond(), "%.0f"),
                    Report.millis(f.p50Millis()), Report.millis(f.p99Millis()), String.format("%,d", f.requests())));
            figure(a.perSecond());
            figure(f.perSecond());
        }
        report.paragraph("`wrk " + wrkVersion() + "` on loopback against the packaged jar (`java -jar`, no JVM options; "
                + "H2; Telegram and Matrix on, polling the fakes), " + plan.wrkSeconds() + " s per run after "
                + warmUp + " s of warm-up per endpoint at 32 connections; keep-alive connections, each sending its next "
                + "request when the last was answered; 1 connection on one wrk thread, 32 on two. `POST /api/ask` "
                + "sends the development questions in turn. The floor: `GET /favicon.svg`, a static file of the same "
                + "application through the same filters (security, headers). The rate limit of `POST /api/ask` "
                + "(30 a minute per address) is lifted for this process with "
                + "`--lotse.webchat.rate.asks-per-address=1000000000`, as all requests come from 127.0.0.1. wrk runs on "
                + "the same two cores as the service.");
        report.table(List.of("endpoint", "connections", "requests/s", "p50", "p99", "requests"), rows);
        double share = measured.get("ask32").perSecond() / measured.get("file32").perSecond();
        report.target("`/api/ask` ≥ 0.5× the static file's throughput at 32 connections",
                Report.number(share, "%.2f×"), share >= 0.5);
        report.target("p99 ≤ 20 ms at 32 connections", Report.millis(measured.get("ask32").p99Millis()),
                measured.get("ask32").p99Millis() <= 20);
        report.note("http");
    }

    private static String wrkVersion() {
        try {
            Process p = new ProcessBuilder("/usr/bin/wrk", "-v").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out.lines().findFirst().orElse("wrk").replaceFirst("^wrk\\s+", "").replaceFirst("\\s.*", "");
        } catch (Exception e) {
            return "?";
        }
    }

    private void channels(LotseProcess lotse, FakeBotApi telegram, FakeHomeserver matrix) {
        Latencies telegramLatencies = new Latencies();
        telegram.onSent(sent -> telegramLatencies.replied(String.valueOf(sent.path("chat_id").asLong())));
        List<ChannelBenchmark.Person> telegramPeople = new ArrayList<>();
        for (int i = 0; i < plan.channelPeople(); i++) {
            long chat = 700_000 + i;
            telegramPeople.add(new ChannelBenchmark.Person() {
                public String address() {
                    return String.valueOf(chat);
                }

                public void send(String text) {
                    telegram.privateMessage(chat, "Person", text);
                }
            });
        }
        ChannelBenchmark.Figure t = ChannelBenchmark.run("Telegram (long polling)", telegramPeople, telegramLatencies,
                questions, plan.channelRate(), plan.channelMessages());

        String bot = matrix.botUserId();
        Latencies matrixLatencies = new Latencies();
        matrix.onSent(sent -> {
            if (bot.equals(sent.path("sender").asString())) {
                matrixLatencies.replied(sent.path("room_id").asString());
            }
        });
        List<ChannelBenchmark.Person> matrixPeople = new ArrayList<>();
        for (int i = 0; i < plan.channelPeople(); i++) {
            String person = "@person" + i + ":example.org";
            String room = matrix.createRoom(person);
            matrix.invite(room, person);
            matrixPeople.add(new ChannelBenchmark.Person() {
                public String address() {
                    return room;
                }

                public void send(String text) {
                    matrix.text(room, person, text);
                }
            });
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> matrix.joinedRooms(bot).size() >= plan.channelPeople());
        ChannelBenchmark.Figure m = ChannelBenchmark.run("Matrix (sync)", matrixPeople, matrixLatencies, questions,
                plan.channelRate(), plan.channelMessages());

        report.section("5. Channels");
        report.paragraph(plan.channelMessages() + " messages at " + plan.channelRate() + " a second from "
                + plan.channelPeople() + " people in turn (each writes again after all the others), after one "
                + "message per person to warm up (their first, which also brings the bot's notice); the development "
                + "questions in turn. Timed in the test's fake server (`telegram/FakeBotApi`, `matrix/FakeHomeserver`, "
                + "on loopback in the suite's JVM) from the moment it holds the message for the service until the "
                + "service's reply to that chat or room reaches it: long polling (`getUpdates`) or `/sync`, the "
                + "dialogue, its transaction on H2, the outbox and the delivery worker, `sendMessage` or `PUT .../send`.");
        List<List<String>> rows = new ArrayList<>();
        for (ChannelBenchmark.Figure f : List.of(t, m)) {
            rows.add(List.of(f.channel(), f.answered() + " of " + f.sent(), Report.millis(f.p50Millis()),
                    Report.millis(f.p99Millis()), Report.millis(f.maxMillis())));
            figure(f.p50Millis());
        }
        report.table(List.of("channel", "replies within " + ChannelBenchmark.WAIT.toMinutes() + " min of the last message",
                "p50", "p99", "slowest"), rows);
        // a reply that did not come within the wait is not in the percentiles: then the target is missed
        report.target("Telegram p99 ≤ 50 ms at " + plan.channelRate() + "/s", Report.millis(t.p99Millis()),
                t.answered() == t.sent() && t.p99Millis() <= 50);
        report.target("Matrix p99 ≤ 50 ms at " + plan.channelRate() + "/s", Report.millis(m.p99Millis()),
                m.answered() == m.sent() && m.p99Millis() <= 50);
        report.note("channels");
    }

    private void streams(LotseProcess lotse) throws Exception {
        StreamsBenchmark.Figure f = StreamsBenchmark.run(lotse, plan.streams(), questions, plan.streamRate(),
                plan.streamMessages());
        report.section("6. Live connections");
        report.paragraph(plan.streams() + " web chat sessions created, then a stream (`GET /api/chat/sessions/{id}/stream`, "
                + "Server-Sent Events) opened for each, " + 100 + " at a time, all held by the one instance of 2. "
                + "Memory: the service's live heap (`jcmd GC.run`, then `jvm_memory_used_bytes{area=\"heap\"}`) and its "
                + "resident set (`VmRSS`) with the streams open minus the same before them. While they are open, "
                + plan.streamMessages() + " messages at " + plan.streamRate() + " a second on sessions spread over "
                + "them, each timed from sending `POST .../messages` until the bot's reply arrived on that session's "
                + "stream. The client: the JDK's HttpClient (HTTP/1.1) in the suite's JVM.");
        report.table(List.of("streams", "heap before", "heap with streams", "heap per stream", "resident per stream",
                        "service threads before / with streams", "replies on streams p50", "p99"),
                List.of(List.of(String.valueOf(f.streams()), mb(f.before().heapBytes()), mb(f.open().heapBytes()),
                        Report.number(f.heapPerStreamKb(), "%.1f KB"), Report.number(f.residentPerStreamKb(), "%.1f KB"),
                        f.before().threads() + " / " + f.open().threads(), Report.millis(f.p50Millis()),
                        Report.millis(f.p99Millis()))));
        figure(f.p50Millis());
        figure(f.open().heapBytes());
        report.note("streams");
    }

    private static String mb(long bytes) {
        return Report.number(bytes / 1024.0 / 1024.0, "%.0f MB");
    }

    private static List<String> row(JmhRun.Figure f) {
        return List.of("`" + f.name() + "`", Report.number(f.perSecond(), "%,.0f"), Report.millis(f.meanMicros() / 1000),
                Report.millis(f.p50Micros() / 1000), Report.millis(f.p99Micros() / 1000), String.format("%,d", f.samples()));
    }

    private static JmhRun.Figure named(List<JmhRun.Figure> figures, String part) {
        return figures.stream().filter(f -> f.name().contains(part)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no figure of " + part + " in " + figures));
    }

    private static String describe(JmhRun.Size size) {
        return size.forks() + " fork(s), " + size.warmups() + " warm-up and " + size.iterations()
                + " measured iterations of " + size.iterationMillis() / 1000.0 + " s";
    }
}
