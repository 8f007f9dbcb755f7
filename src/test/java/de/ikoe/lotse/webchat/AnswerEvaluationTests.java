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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every evaluation question through {@code POST /api/ask} over HTTP, as a client would,
 * scores the answers by the rules of shared/eval/README.md and prints the figures per kind.
 *
 * <p>Two sets: the development set from {@code ../shared/eval} (with the targets there) and
 * our own independent set under src/test/resources/eval, written without looking at the
 * development set or at the knowledge base's own questions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnswerEvaluationTests {

    private static final Path DEV_SET = Path.of(System.getProperty("lotse.eval.dev",
            "../shared/eval/dev-questions.tsv"));
    private static final Path EXTRA_SET = Path.of("src/test/resources/eval/extra-questions.tsv");

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
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.90);
        assertThat(figures.topicFirstPlaceShare()).as("share of topic questions with the id first")
                .isGreaterThanOrEqualTo(0.80);
        assertThat(figures.failed("none")).as("out-of-scope questions answered").isEmpty();
    }

    @Test
    void independentSetIsAnsweredToo() throws Exception {
        Figures figures = evaluate("independent set", EXTRA_SET);
        assertThat(figures.share()).as("share of all questions passed").isGreaterThanOrEqualTo(0.85);
        assertThat(figures.failed("none")).as("out-of-scope questions answered").isEmpty();
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
            figures.add(expectation.kind(), cols[0], passed, expectation.firstPlace(answer));
            if (!passed) {
                System.out.printf("  FAILED %s %s | expected %s | intent=%s answered=%s confidence=%s sources=%s offers=%s%n",
                        cols[0], cols[2], cols[3], answer.path("intent").asString(), answer.path("answered"),
                        answer.path("confidence"), ids(answer.path("sources")), ids(answer.path("offers")));
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

    /** Passes and ranks per kind of expectation. */
    static final class Figures {

        private final Map<String, List<Boolean>> passed = new LinkedHashMap<>();
        private final Map<String, List<String>> failed = new LinkedHashMap<>();
        private final List<Integer> topicPlaces = new ArrayList<>();

        void add(String kind, String id, boolean pass, int place) {
            passed.computeIfAbsent(kind, k -> new ArrayList<>()).add(pass);
            if (!pass) {
                failed.computeIfAbsent(kind, k -> new ArrayList<>()).add(id);
            }
            if ("topic".equals(kind)) {
                topicPlaces.add(place);
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

        void print(String name, List<Long> nanos) {
            System.out.printf("Evaluation of the %s over POST /api/ask:%n", name);
            System.out.printf("  all      %.3f (%d questions)%n", share(), passed.values().stream().mapToInt(List::size).sum());
            passed.forEach((kind, results) -> System.out.printf("  %-8s %.3f (%d/%d)%n", kind,
                    (double) results.stream().filter(b -> b).count() / results.size(),
                    results.stream().filter(b -> b).count(), results.size()));
            double mrr = topicPlaces.stream().mapToDouble(p -> p == 0 ? 0 : 1.0 / p).average().orElse(0);
            System.out.printf("  topic: first place %.3f, mean reciprocal rank %.3f%n", topicFirstPlaceShare(), mrr);
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("  latency per request over loopback: median %.1f ms, 95th percentile %.1f ms%n",
                    sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.95)] / 1e6);
        }
    }
}
