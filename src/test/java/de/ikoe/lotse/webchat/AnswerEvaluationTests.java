package de.ikoe.lotse.webchat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every evaluation question through {@code POST /api/ask} over HTTP, as a client would,
 * scores the answers by the rules of shared/eval/README.md and prints the figures per kind.
 *
 * <p>The sets: the development set from {@code ../shared/eval} (with the targets there); our own
 * independent set under src/test/resources/eval, written without looking at the development set
 * or at the knowledge base's own questions; the tuning set, written by a helper who saw neither
 * the knowledge base nor the intent examples; and, when present, the held-out set written the
 * same way and kept from the project. Rows per kind, per style (fifth column, where there is one)
 * and per language; requests for a person recognised and answered with an article; out-of-scope
 * questions answered; precision and recall per intent, with what each was taken for.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnswerEvaluationTests {

    private static final Path DEV_SET = Path.of(System.getProperty("lotse.eval.dev",
            "../shared/eval/dev-questions.tsv"));
    private static final Path EXTRA_SET = Path.of("src/test/resources/eval/extra-questions.tsv");
    /** Written by a helper who saw neither the knowledge base nor the intent examples; tuned with. */
    private static final Path TUNING_SET = Path.of("src/test/resources/eval/tuning-questions.tsv");
    /** Written the same way and held out in the previous round; tuned with since. */
    private static final Path HELDOUT_SET = Path.of("src/test/resources/eval/heldout-questions.tsv");
    /**
     * Written by a helper who saw only the design's list of topics and the scoring rules; measured
     * three times in the round it was written, it has been looked at since and is no longer blind.
     */
    private static final Path BLIND_SET = Path.of("src/test/resources/eval/blind-questions.tsv");
    /**
     * Written the same way in the following round (see {@code blind2-README.md}); its failures are
     * not read while tuning: it decides the quality claim.
     */
    private static final Path SECOND_BLIND_SET = Path.of("src/test/resources/eval/blind2-questions.tsv");

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void developmentSetMeetsItsTargets() throws Exception {
        if (!Files.exists(DEV_SET)) {
            Assumptions.assumeFalse("true".equals(System.getenv("CI")), "CI must have " + DEV_SET);
            Assumptions.abort("skipped: " + DEV_SET + " not found (the shared folder lies beside the project)");
        }
        Figures figures = evaluate("development set", DEV_SET);
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.98);
        assertThat(figures.topicFirstPlaceShare()).as("share of topic questions with the id first")
                .isGreaterThanOrEqualTo(0.95);
        assertThat(figures.failed("none")).as("out-of-scope questions answered").isEmpty();
        assertThat(figures.handoffAnsweredWithArticle()).as("requests for a person answered with an article").isZero();
    }

    @Test
    void tuningSetIsAnsweredToo() throws Exception {
        Figures figures = evaluate("tuning set", TUNING_SET);
        // printed rather than held to the held-out targets, which it does not reach yet (see README)
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void heldOutSetWhenPresent() throws Exception {
        Assumptions.assumeTrue(Files.exists(HELDOUT_SET), "no held-out set at " + HELDOUT_SET);
        Figures figures = evaluate("held-out set", HELDOUT_SET);
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.89);
    }

    @Test
    void blindSetIsMeasured() throws Exception {
        Figures figures = evaluate("blind set", BLIND_SET);
        // a floor under the figures in the README, so that a change that loses ground shows
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void secondBlindSetIsMeasured() throws Exception {
        Figures figures = evaluate("second blind set", SECOND_BLIND_SET);
        // a floor a little under the figures in the README (0.888): held to the targets, it would fail
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.86);
    }

    @Test
    void independentSetIsAnsweredToo() throws Exception {
        Figures figures = evaluate("independent set", EXTRA_SET);
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.90);
        assertThat(figures.failed("none")).as("out-of-scope questions answered").isEmpty();
        assertThat(figures.handoffAnsweredWithArticle()).as("requests for a person answered with an article").isZero();
    }

    private Figures evaluate(String name, Path file) throws IOException, InterruptedException {
        Figures figures = new Figures();
        List<Long> nanos = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            long start = System.nanoTime();
            JsonNode answer = ask(cols[2], cols[1]);
            nanos.add(System.nanoTime() - start);
            Expectation expectation = Expectation.parse(cols[3]);
            boolean passed = expectation.passes(answer);
            String style = cols.length > 4 ? cols[4] : null;
            figures.add(expectation, cols[0], cols[1], style, passed, answer);
            if (!passed) {
                System.out.printf("  FAILED %s %s | expected %s | intent=%s answered=%s confidence=%s sources=%s offers=%s"
                                + " events=%s%n", cols[0], cols[2], cols[3], answer.path("intent").asString(),
                        answer.path("answered"), answer.path("confidence"), ids(answer.path("sources")),
                        ids(answer.path("offers")), ids(answer.path("events")));
            }
        }
        figures.print(name, nanos);
        return figures;
    }

    private JsonNode ask(String text, String lang) throws IOException, InterruptedException {
        String body = json.writeValueAsString(Map.of("text", text, "lang", lang));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("status for %s", text).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.forEach(n -> ids.add(n.path("id").asString()));
        return ids;
    }

    /** One expectation of the evaluation format, judged as shared/eval/README.md says. */
    record Expectation(String kind, String spec) {

        static Expectation parse(String expect) {
            int colon = expect.indexOf(':');
            return colon < 0 ? new Expectation(expect, "") : new Expectation(expect.substring(0, colon),
                    expect.substring(colon + 1));
        }

        boolean passes(JsonNode a) {
            return switch (kind) {
                case "topic" -> a.path("answered").asBoolean() && firstPlace(a) > 0 && firstPlace(a) <= 3;
                case "offer" -> offerMatches(a);
                case "event" -> !a.path("events").isEmpty() && allUpcoming(a.path("events"));
                case "handoff" -> List.of("suggested", "started").contains(a.path("escalation").asString())
                        || "handoff".equals(a.path("intent").asString());
                case "none" -> !a.path("answered").asBoolean();
                case "intent" -> spec.equals(a.path("intent").asString());
                default -> throw new IllegalArgumentException("unknown expectation " + kind);
            };
        }

        /**
         * The intent a right answer has: a topic question is a question, except for the topics
         * the bot answers as an intent of their own (help, privacy, contact).
         */
        String intent() {
            return switch (kind) {
                case "handoff" -> "handoff";
                case "none" -> "out_of_scope";
                case "intent" -> spec;
                case "event" -> "events";
                case "offer" -> "offers";
                default -> switch (spec.split("\\|")[0]) {
                    case "bot-hilfe" -> "help";
                    case "datenschutz-chatbot" -> "privacy";
                    case "kontakt-beratung-anfragen" -> "contact";
                    default -> "question";
                };
            };
        }

        /** 1-based rank of the first expected topic among the sources, 0 when absent. */
        int firstPlace(JsonNode a) {
            if (!"topic".equals(kind)) {
                return 0;
            }
            List<String> expected = Arrays.asList(spec.split("\\|"));
            JsonNode sources = a.path("sources");
            for (int i = 0; i < sources.size(); i++) {
                if (expected.contains(sources.get(i).path("id").asString())) {
                    return i + 1;
                }
            }
            return 0;
        }

        private boolean offerMatches(JsonNode a) {
            Map<String, String> keys = new LinkedHashMap<>();
            for (String pair : spec.split(";")) {
                String[] kv = pair.split("=", 2);
                keys.put(kv[0], kv[1]);
            }
            JsonNode offers = a.path("offers");
            for (int i = 0; i < Math.min(3, offers.size()); i++) {
                JsonNode o = offers.get(i);
                List<String> regions = strings(o.path("regions"));
                List<String> targets = strings(o.path("targetGroups"));
                List<String> formats = strings(o.path("formats"));
                String region = keys.get("region");
                boolean regionOk = region == null || ("online".equals(region) ? regions.contains("online")
                        : regions.contains(region) || regions.contains("thueringenweit") || regions.contains("online"));
                String target = keys.get("target");
                boolean targetOk = target == null || targets.contains(target) || targets.contains("alle");
                String format = keys.get("format");
                boolean formatOk = format == null || Arrays.stream(format.split("\\|")).anyMatch(formats::contains);
                if (regionOk && targetOk && formatOk) {
                    return true;
                }
            }
            return false;
        }

        private static boolean allUpcoming(JsonNode events) {
            OffsetDateTime now = OffsetDateTime.now();
            for (JsonNode e : events) {
                if (!OffsetDateTime.parse(e.path("start").asString()).isAfter(now)) {
                    return false;
                }
            }
            return true;
        }

        private static List<String> strings(JsonNode list) {
            List<String> out = new ArrayList<>();
            list.forEach(n -> out.add(n.asString()));
            return out;
        }
    }

    /** Passes and ranks per kind of expectation, style and language; intents recognised. */
    static final class Figures {

        private final Map<String, List<Boolean>> passed = new LinkedHashMap<>();
        private final Map<String, List<Boolean>> byStyle = new TreeMap<>();
        private final Map<String, List<Boolean>> byLang = new TreeMap<>();
        private final Map<String, List<String>> failed = new LinkedHashMap<>();
        private final List<Integer> topicPlaces = new ArrayList<>();
        private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
        private int handoffs;
        private int handoffsRecognised;
        private int handoffsWithArticle;
        private int outOfScope;
        private int outOfScopeAnswered;

        void add(Expectation expectation, String id, String lang, String style, boolean pass, JsonNode answer) {
            String kind = expectation.kind();
            passed.computeIfAbsent(kind, k -> new ArrayList<>()).add(pass);
            if (style != null) {
                byStyle.computeIfAbsent(style, k -> new ArrayList<>()).add(pass);
            }
            byLang.computeIfAbsent(lang, k -> new ArrayList<>()).add(pass);
            if (!pass) {
                failed.computeIfAbsent(kind, k -> new ArrayList<>()).add(id);
            }
            if ("topic".equals(kind)) {
                topicPlaces.add(expectation.firstPlace(answer));
            }
            String intent = answer.path("intent").asString();
            confusion.computeIfAbsent(expectation.intent(), k -> new TreeMap<>()).merge(intent, 1, Integer::sum);
            if ("handoff".equals(kind)) {
                handoffs++;
                handoffsRecognised += "handoff".equals(intent) ? 1 : 0;
                handoffsWithArticle += answer.path("sources").isEmpty() ? 0 : 1;
            }
            if ("none".equals(kind)) {
                outOfScope++;
                outOfScopeAnswered += answer.path("answered").asBoolean() ? 1 : 0;
            }
        }

        double share() {
            long all = passed.values().stream().mapToLong(List::size).sum();
            long ok = passed.values().stream().flatMap(List::stream).filter(b -> b).count();
            return all == 0 ? 0 : (double) ok / all;
        }

        double topicFirstPlaceShare() {
            return topicPlaces.isEmpty() ? 0 : (double) topicPlaces.stream().filter(p -> p == 1).count() / topicPlaces.size();
        }

        List<String> failed(String kind) {
            return failed.getOrDefault(kind, List.of());
        }

        int handoffAnsweredWithArticle() {
            return handoffsWithArticle;
        }

        void print(String name, List<Long> nanos) {
            System.out.printf("Evaluation of the %s over POST /api/ask:%n", name);
            System.out.printf("  all             %.3f (%d questions)%n", share(), passed.values().stream().mapToInt(List::size).sum());
            rows("kind", passed);
            rows("style", byStyle);
            rows("language", byLang);
            double mrr = topicPlaces.stream().mapToDouble(p -> p == 0 ? 0 : 1.0 / p).average().orElse(0);
            System.out.printf("  topic: first place %.3f, mean reciprocal rank %.3f%n", topicFirstPlaceShare(), mrr);
            System.out.printf("  requests for a person: recognised as handoff %d/%d (recall %.3f), answered with an "
                    + "article %d%n", handoffsRecognised, handoffs, handoffs == 0 ? 1.0 : (double) handoffsRecognised / handoffs,
                    handoffsWithArticle);
            System.out.printf("  out-of-scope questions answered: %d of %d%n", outOfScopeAnswered, outOfScope);
            printIntents();
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  latency per request over loopback: median %.1f ms, 95th percentile %.1f ms%n",
                    sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.95)] / 1e6);
        }

        private static void rows(String what, Map<String, List<Boolean>> results) {
            results.forEach((key, list) -> System.out.printf("  %-8s %-15s %.3f (%d/%d)%n", what, key,
                    (double) list.stream().filter(b -> b).count() / list.size(), list.stream().filter(b -> b).count(),
                    list.size()));
        }

        /** Per expected intent: precision, recall and what it was taken for instead. */
        private void printIntents() {
            System.out.printf("  %-13s %9s %6s %7s   taken for%n", "intent", "precision", "recall", "support");
            for (var row : confusion.entrySet()) {
                String intent = row.getKey();
                int support = row.getValue().values().stream().mapToInt(Integer::intValue).sum();
                int right = row.getValue().getOrDefault(intent, 0);
                int predicted = confusion.values().stream().mapToInt(r -> r.getOrDefault(intent, 0)).sum();
                String wrong = row.getValue().entrySet().stream().filter(c -> !c.getKey().equals(intent))
                        .map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
                System.out.printf("  %-13s %9s %6.3f %7d   %s%n", intent,
                        predicted == 0 ? "-" : String.format("%.3f", (double) right / predicted), (double) right / support,
                        support, wrong);
            }
        }
    }
}
