package de.ikoe.lotse;

import de.ikoe.lotse.support.Http;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an operator sees on the management port: probes and metrics named for the service's work;
 * and what the public port does not show.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsTests {

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private String management(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    @Test
    void readinessNamesTheDatabaseAndTheKnowledgeIndexAndTheOneInstanceLeads() {
        assertThat(managementPort).isNotEqualTo(port);
        Http.Response readiness = Http.get(management("/actuator/health/readiness"), Map.of());
        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        JsonNode components = readiness.json().path("components");
        assertThat(components.path("db").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("knowledge").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("knowledge").path("details").path("documents").asLong()).isPositive();
        assertThat(Http.get(management("/actuator/health/liveness"), Map.of()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(management("/actuator/health"), Map.of()).json()
                .path("components").path("leader").path("details").path("leader").asBoolean());
    }

    @Test
    void thePublicPortShowsNoManagementEndpointAndTheManagementPortOnlyProbesAndMetrics() {
        assertThat(Http.get(url("/actuator/health"), Map.of()).status()).isEqualTo(404);
        assertThat(Http.get(url("/actuator/prometheus"), Map.of()).status()).isEqualTo(404);
        assertThat(Http.get(management("/actuator/env"), Map.of()).status()).isIn(403, 404);
        assertThat(Http.get(management("/actuator/beans"), Map.of()).status()).isIn(403, 404);
    }

    @Test
    void aHandoffShowsInTheQueueAndEscalationMetrics() {
        double escalations = metric("lotse_handoff_escalations_total", "channel=\"web\"");
        Http.Response created = Http.post(url("/api/chat/sessions"), null, Map.of());
        String session = created.json().path("sessionId").asString();
        Map<String, String> token = Map.of("X-Chat-Token", created.json().path("token").asString());
        for (Map<String, String> body : List.of(Map.of("text", "/berater"), Map.of("option", "skip"),
                Map.of("option", "skip"), Map.of("option", "skip"))) {
            assertThat(Http.post(url("/api/chat/sessions/" + session + "/messages"), body, token).status()).isLessThan(300);
        }
        assertThat(metric("lotse_handoff_escalations_total", "channel=\"web\"")).isEqualTo(escalations + 1);
        String text = Http.get(management("/actuator/prometheus"), Map.of()).body();
        assertThat(text).contains("lotse_handoff_queue_length", "lotse_outbox_backlog", "lotse_outbox_oldest_age_seconds",
                "lotse_knowledge_documents", "lotse_knowledge_loaded_timestamp_seconds", "lotse_handoff_time_to_claim_seconds");
        assertThat(metric("lotse_knowledge_documents", "")).isPositive();
    }

    /** Each answer is counted by how it ended and by intent, never with what was asked. */
    @Test
    void answersAreCountedByOutcomeAndIntent() {
        double outOfScope = metric("lotse_answers_total", "outcome=\"out_of_scope\"");
        double handoffs = metric("lotse_intents_total", "intent=\"handoff\"");
        String weather = "Wie wird das Wetter morgen in Erfurt?";
        assertThat(Http.post(url("/api/ask"), Map.of("text", weather, "lang", "de"), Map.of()).status()).isEqualTo(200);
        assertThat(Http.post(url("/api/ask"), Map.of("text", "Ich möchte bitte mit einem Menschen sprechen", "lang", "de"),
                Map.of()).status()).isEqualTo(200);
        assertThat(metric("lotse_answers_total", "outcome=\"out_of_scope\"")).isEqualTo(outOfScope + 1);
        assertThat(metric("lotse_intents_total", "intent=\"handoff\"")).isEqualTo(handoffs + 1);
        assertThat(Http.get(management("/actuator/prometheus"), Map.of()).body()).doesNotContain("Wetter");
    }

    /** Every metric the Grafana dashboard in docs/ asks for is one the service exports. */
    @Test
    void theDashboardShowsMetricsTheServiceExports() throws Exception {
        Http.post(url("/api/ask"), Map.of("text", "Was ist interkulturelle Öffnung?", "lang", "de"), Map.of());
        String dashboard = Files.readString(Path.of("docs/grafana-dashboard.json"));
        Set<String> asked = new TreeSet<>();
        Matcher names = Pattern.compile("lotse_[a-z_]+").matcher(dashboard);
        while (names.find()) {
            asked.add(names.group().replaceAll("_(bucket|count|sum)$", ""));
        }
        assertThat(asked).contains("lotse_handoff_queue_length", "lotse_answers_total", "lotse_leader");
        String exported = Http.get(management("/actuator/prometheus"), Map.of()).body();
        // counted only once something happened: a message given up, a reload after the start
        Set<String> onFirstEvent = Set.of("lotse_delivery_failures_total", "lotse_knowledge_reloads_total",
                "lotse_answers_missed_total");
        for (String name : asked) {
            if (!onFirstEvent.contains(name)) {
                assertThat(exported).as("the dashboard asks for " + name).containsPattern("(?m)^" + name + "(_bucket|_count|_sum)?[{ ]");
            }
        }
    }

    /** The value of a Prometheus sample whose labels contain the given text (or the only sample). */
    private double metric(String name, String labels) {
        String text = Http.get(management("/actuator/prometheus"), Map.of()).body();
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (labels.isEmpty() || (m.group(1) != null && m.group(1).contains(labels))) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
