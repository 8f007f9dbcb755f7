package de.ikoe.lotse;

import de.ikoe.lotse.conversation.internal.Forgetting;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.Http.Response;
import de.ikoe.lotse.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Privacy by design: /loeschen removes every trace of a person, checked table by table;
 * retention deletes old transcripts; the insights keep questions without e-mail addresses,
 * phone numbers or any link to the person, and their CSV matches the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrivacyAndInsightsTests {

    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock privacyClock() {
            return new MutableClock(NOW, ZoneId.of("Europe/Berlin"));
        }
    }

    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Forgetting forgetting;

    @LocalServerPort
    int port;

    private String session;
    private String token;

    @BeforeEach
    void newSession() {
        clock.set(NOW);
        Response created = Http.post(url("/api/chat/sessions"), null, Map.of());
        session = created.json().path("sessionId").asString();
        token = created.json().path("token").asString();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private List<JsonNode> send(Object body) {
        Response r = Http.post(url("/api/chat/sessions/" + session + "/messages"), body, Map.of("X-Chat-Token", token));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("messages").valueStream().toList();
    }

    private long conversationOf(String address) {
        return jdbc.queryForObject("select id from conversation where address = ?", Long.class, address);
    }

    @Test
    void deletingOnRequestLeavesNoRowThatNamesThePerson() {
        send(Map.of("text", "Was ist IKÖ?"));
        send(Map.of("text", "Meine Adresse ist anna.beispiel@example.org, wie wird das Wetter in Jena?"));
        send(Map.of("text", "/berater"));
        send(Map.of("option", "verwaltung"));
        send(Map.of("text", "Jena"));
        send(Map.of("text", "Rufen Sie mich an: 0361 1234567"));
        long conversation = conversationOf(session);
        long participant = jdbc.queryForObject("select participant_id from conversation where id = ?", Long.class, conversation);
        String pseudonym = jdbc.queryForObject("select pseudonym from participant where id = ?", String.class, participant);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where conversation_id = ? and status = 'PENDING'", Integer.class, conversation) == 0);

        List<JsonNode> asked = send(Map.of("text", "/loeschen"));
        assertThat(asked.get(asked.size() - 1).path("text").asString()).contains("wirklich alles löschen");
        List<JsonNode> done = send(Map.of("option", "privacy:delete"));
        assertThat(done).singleElement().satisfies(m -> assertThat(m.path("text").asString()).contains("gelöscht"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where conversation_id = ?", Integer.class, conversation) == 0);

        // table by table: nothing that names the person or leads back to them
        assertThat(count("select count(*) from participant where id = ? or pseudonym = ?", participant, pseudonym)).isZero();
        assertThat(count("select count(*) from conversation where id = ? or participant_id = ? or address = ?",
                conversation, participant, session)).isZero();
        assertThat(count("select count(*) from message where conversation_id = ?", conversation)).isZero();
        assertThat(count("select count(*) from outbox where conversation_id = ? or address = ?", conversation, session)).isZero();
        assertThat(count("select count(*) from web_session where id = ?", session)).isZero();
        assertThat(count("select count(*) from inbound_receipt where external_id like ?", "%" + session + "%")).isZero();
        assertThat(count("""
                select count(*) from ticket where conversation_id = ?
                  and (summary <> '' or intake_org is not null or intake_region is not null or intake_concern is not null
                       or close_note is not null)""", conversation)).isZero();
        assertThat(count("select count(*) from ticket where conversation_id = ? and status = 'CANCELLED'", conversation))
                .as("the ticket keeps its figures").isEqualTo(1);
        for (String table : jdbc.queryForList("""
                select table_name from information_schema.tables
                where table_schema = 'PUBLIC' and table_type = 'BASE TABLE'""", String.class)) {
            for (String column : jdbc.queryForList("""
                    select column_name from information_schema.columns
                    where table_schema = 'PUBLIC' and table_name = ? and data_type like 'CHARACTER VARYING%'""",
                    String.class, table)) {
                String c = "\"" + column + "\"";
                assertThat(count("select count(*) from \"" + table + "\" where " + c + " like ? or " + c
                        + " like ? or " + c + " like ? or " + c + " like ?",
                        "%" + session + "%", "%" + pseudonym + "%", "%anna.beispiel@example.org%", "%1234567%"))
                        .as("%s.%s names the person", table, column).isZero();
            }
        }
        // the insights stay, cleaned
        assertThat(jdbc.queryForList("select text from insight", String.class))
                .anySatisfy(t -> assertThat(t).contains("Wetter", "[E-Mail]"))
                .allSatisfy(t -> assertThat(t).doesNotContain("anna.beispiel", "1234567"));
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    @Test
    void transcriptsOlderThanTheRetentionTimeAreDeletedAndTheInsightsStay() {
        send(Map.of("text", "Wie wird das Wetter morgen in Gera?"));
        long conversation = conversationOf(session);
        int insights = count("select count(*) from insight");
        clock.advance(Duration.ofDays(89));
        assertThat(forgetting.purgeExpired()).isZero();
        assertThat(count("select count(*) from message where conversation_id = ?", conversation)).isPositive();
        clock.advance(Duration.ofDays(2));
        forgetting.purgeExpired();
        assertThat(count("select count(*) from message where conversation_id = ?", conversation)).isZero();
        assertThat(count("select count(*) from conversation where id = ?", conversation)).isZero();
        assertThat(count("select count(*) from web_session where id = ?", session)).isZero();
        assertThat(count("select count(*) from insight")).isEqualTo(insights);
    }

    @Test
    void unansweredQuestionsAppearCleanedAndGroupedWithTheirRegionAndTheCsvMatchesThePage() throws Exception {
        send(Map.of("text", "Gibt es einen Kochkurs für Verwaltungen in Sonneberg? Mail an info@verein.example.org"));
        send(Map.of("text", "Kochkurs für Verwaltungen in Sonneberg gesucht, erreichbar unter +49 3675 123456"));
        Response themes = Http.get(url("/api/insights/themes"), Http.basic("admin", "admin-password-for-tests"));
        assertThat(themes.status()).isEqualTo(200);
        assertThat(themes.body()).doesNotContain("info@verein", "123456");
        JsonNode kochkurs = themes.json().valueStream().filter(t -> t.path("theme").asString().contains("kochkurs"))
                .findFirst().orElseThrow();
        assertThat(kochkurs.path("count").asInt()).isEqualTo(2);
        Response demand = Http.get(url("/api/insights/demand"), Http.basic("admin", "admin-password-for-tests"));
        assertThat(demand.json().valueStream().filter(d -> d.path("region").asString().equals("sonneberg")))
                .anySatisfy(d -> assertThat(d.path("targetGroup").asString()).isEqualTo("verwaltung"));

        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String login = browser.send(HttpRequest.newBuilder(URI.create(url("/console/login"))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String csrf = first(login, "name=\"_csrf\" value=\"([^\"]+)\"");
        String form = "username=admin&password=" + URLEncoder.encode("admin-password-for-tests", StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
        browser.send(HttpRequest.newBuilder(URI.create(url("/console/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.discarding());
        String page = get(browser, "/console/insights");
        String csv = get(browser, "/console/insights/themes.csv");
        assertThat(page).doesNotContain("info@verein", "123456");
        List<List<String>> pageRows = rows(page, "themes");
        List<List<String>> csvRows = csv.lines().skip(1).map(PrivacyAndInsightsTests::csvLine).toList();
        assertThat(pageRows).isNotEmpty().hasSameSizeAs(csvRows);
        for (int i = 0; i < pageRows.size(); i++) {
            assertThat(pageRows.get(i).subList(0, 3)).isEqualTo(csvRows.get(i).subList(0, 3));
        }
    }

    private String get(HttpClient browser, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(url(path))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }

    /** The cells of a table's body rows, HTML entities decoded. */
    private static List<List<String>> rows(String html, String tableId) {
        String table = first(html, "(?s)<table id=\"" + tableId + "\".*?<tbody>(.*?)</tbody>");
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("(?s)<tr[^>]*>(.*?)</tr>").matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("(?s)<td[^>]*>(.*?)</td>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", "").replace("&quot;", "\"").replace("&lt;", "<")
                        .replace("&gt;", ">").replace("&#39;", "'").replace("&amp;", "&").strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<String> csvLine(String line) {
        List<String> fields = new ArrayList<>();
        Matcher m = Pattern.compile("\"((?:[^\"]|\"\")*)\"").matcher(line);
        while (m.find()) {
            fields.add(m.group(1).replace("\"\"", "\""));
        }
        return fields;
    }
}
