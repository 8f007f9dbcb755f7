package de.ikoe.lotse;

import de.ikoe.lotse.conversation.internal.Forgetting;
import de.ikoe.lotse.insights.InsightRecorder;
import de.ikoe.lotse.knowledge.KnowledgeVocabulary;
import de.ikoe.lotse.support.ConsoleSession;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.Http.Response;
import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.support.SharedApplicationTest;
import de.ikoe.lotse.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Privacy by design: /loeschen removes every trace of a person, checked table by table, and in
 * the insights' page, JSON and CSV; retention deletes old transcripts; the insights keep no
 * question text, only knowledge-base words at once and other words once three different people
 * used them; their CSV matches the page.
 */
@SharedApplicationTest
class PrivacyAndInsightsTests {

    static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");

    @Autowired
    MutableClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Forgetting forgetting;
    @Autowired
    KnowledgeVocabulary vocabulary;
    @Autowired
    InsightRecorder recorder;

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
        send(Map.of("text", "Ich heiße Annegret Wüstenhagen und wohne in der Blumenstraße 12, 07743 Jena. "
                + "Gibt es einen Kochkurs?"));
        send(Map.of("text", "/berater"));
        send(Map.of("option", "verwaltung"));
        send(Map.of("text", "Jena"));
        send(Map.of("text", "Rufen Sie mich an: 0361 1234567"));
        // in the evening, waiting, the person leaves an e-mail address for the answer
        clock.set(TestClock.AFTER_HOURS);
        assertThat(Http.put(url("/api/chat/sessions/" + session + "/mail"),
                Map.of("address", "anna.privat@example.org", "consent", true), Map.of("X-Chat-Token", token)).status())
                .isEqualTo(204);
        clock.set(NOW);
        assertThat(count("select count(*) from conversation where reply_mail = ?", "anna.privat@example.org")).isEqualTo(1);
        long conversation = conversationOf(session);
        long participant = jdbc.queryForObject("select participant_id from conversation where id = ?", Long.class, conversation);
        String pseudonym = jdbc.queryForObject("select pseudonym from participant where id = ?", String.class, participant);
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where conversation_id = ? and status = 'PENDING'", Integer.class, conversation) == 0);
        // Before the deletion the name and street wait, linked to the conversation, and are shown nowhere.
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from insight_pending where conversation_id = ? and word = 'wustenhagen'", conversation) == 1);
        assertThat(count("select count(*) from insight_pending where word like '%07743%' or word like '%1234567%'")).isZero();
        assertNamedNowhereInTheInsights();

        List<JsonNode> asked = send(Map.of("text", "/loeschen"));
        assertThat(asked.get(asked.size() - 1).path("text").asString()).contains("wirklich alles löschen");
        List<JsonNode> done = send(Map.of("option", "privacy:delete"));
        assertThat(done).singleElement().satisfies(m -> assertThat(m.path("text").asString()).contains("gelöscht"));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox where conversation_id = ?", Integer.class, conversation) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from insight_pending where conversation_id = ? or participant_id = ?",
                conversation, participant) == 0);

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
                String c = "lower(\"" + column + "\")";
                List<String> traces = List.of(session, pseudonym.toLowerCase(), "anna.beispiel@example.org", "1234567",
                        "anna.privat@example.org",
                        "annegret", "wüstenhagen", "wustenhagen", "blumenstr", "07743");
                String anyTrace = String.join(" or ", traces.stream().map(t -> c + " like ?").toList());
                assertThat(count("select count(*) from \"" + table + "\" where " + anyTrace,
                        traces.stream().map(t -> "%" + t + "%").toArray()))
                        .as("%s.%s names the person", table, column).isZero();
            }
        }
        // the anonymous part stays: the kind and place of the questions, without their words
        assertThat(jdbc.queryForList("select region from insight", String.class)).contains("jena");
        assertNamedNowhereInTheInsights();
    }

    /** Neither the page nor the JSON nor the CSV names the person. */
    private void assertNamedNowhereInTheInsights() {
        List<String> shown = new ArrayList<>();
        for (String path : List.of("/api/insights/themes", "/api/insights/demand", "/api/insights/trend")) {
            shown.add(Http.get(url(path), admin()).body());
        }
        ConsoleSession browser = admin(null);
        shown.add(browser.get("/console/insights").body());
        for (String table : List.of("themes", "demand", "handoffs", "trend")) {
            shown.add(browser.get("/console/insights/" + table + ".csv").body());
            shown.add(browser.get("/console/insights/" + table + ".json").body());
        }
        assertThat(shown).allSatisfy(text -> assertThat(text.toLowerCase()).doesNotContain("annegret", "wüstenhagen",
                "wustenhagen", "blumenstr", "07743", "anna.beispiel", "1234567"));
    }

    private ConsoleSession admin(String forwardedFor) {
        ConsoleSession browser = new ConsoleSession(url(""), forwardedFor);
        assertThat(browser.logIn("admin", "admin-password-for-tests")).endsWith("/console");
        return browser;
    }

    private static Map<String, String> admin() {
        return Http.basic("admin", "admin-password-for-tests");
    }

    private int count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Integer.class, args);
    }

    @Test
    void transcriptsOlderThanTheRetentionTimeAreDeletedAndTheInsightsStay() {
        send(Map.of("text", "Wie wird das Wetter morgen in Gera, fragt Xaverius?"));
        long conversation = conversationOf(session);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from insight_pending where conversation_id = ?", conversation) > 0);
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
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from insight_pending where conversation_id = ?", conversation) == 0);
    }

    @Test
    void noWordWaitsLinkedLongerThanTheRetentionTime() {
        send(Map.of("text", "Wie wird das Wetter morgen in Suhl, fragt Zacharias?"));
        long conversation = conversationOf(session);
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from insight_pending where conversation_id = ?", conversation) > 0);
        clock.advance(Duration.ofDays(89));
        recorder.purgeExpired();
        assertThat(count("select count(*) from insight_pending where conversation_id = ?", conversation)).isPositive();
        clock.advance(Duration.ofDays(2));
        recorder.purgeExpired();
        assertThat(count("select count(*) from insight_pending where conversation_id = ?", conversation)).isZero();
    }

    /** A word the knowledge base does not use; letters only, new in every run. */
    private static final java.util.concurrent.atomic.AtomicInteger WORDS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A word no one has used in this service yet, the same in every run: a random one would be
     * classified differently from run to run, and the tests here are about the insights.
     */
    private static String unknownWord(String stem) {
        StringBuilder word = new StringBuilder(stem).append("qz");
        for (int n = WORDS.incrementAndGet(); n > 0; n /= 26) {
            word.append((char) ('a' + n % 26));
        }
        return word.toString();
    }

    private void newPerson() {
        newSession();
    }

    @Test
    void aWordTheKnowledgeBaseDoesNotUseJoinsTheThemesOnlyOnceThreePeopleUsedIt() {
        String rare = unknownWord("fortbildungsreihe"); // an offer the centre does not know of: a gap
        assertThat(vocabulary.knows(rare)).isFalse();
        assertThat(vocabulary.knows("verwaltungen")).as("a knowledge-base word").isTrue();
        for (int person = 1; person <= 3; person++) {
            newPerson();
            send(Map.of("text", "Gibt es einen " + rare + " für Verwaltungen in Sonneberg? Mail an info@verein.example.org"));
            send(Map.of("text", rare + " für Verwaltungen in Sonneberg gesucht, erreichbar unter +49 3675 123456"));
            int people = person;
            if (people < 3) {
                await().atMost(Duration.ofSeconds(10)).until(() -> count(
                        "select count(distinct participant_id) from insight_pending where word = ?", rare) == people);
                assertThat(Http.get(url("/api/insights/themes"), admin()).body()).doesNotContain(rare);
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Response themes = Http.get(url("/api/insights/themes"), admin());
            assertThat(themes.body()).doesNotContain("info@verein", "123456");
            JsonNode theme = themes.json().valueStream().filter(t -> t.path("theme").asString().contains(rare))
                    .findFirst().orElseThrow();
            assertThat(theme.path("count").asInt()).as("all six questions of the three people").isEqualTo(6);
            assertThat(theme.path("theme").asString()).contains("verwaltungen");
        });
        assertThat(count("select count(*) from insight_pending where word = ?", rare)).as("no longer linked").isZero();
        Response demand = Http.get(url("/api/insights/demand"), admin());
        assertThat(demand.json().valueStream().filter(d -> d.path("region").asString().equals("sonneberg")))
                .anySatisfy(d -> assertThat(d.path("targetGroup").asString()).isEqualTo("verwaltung"));

        ConsoleSession browser = admin(null);
        String page = browser.get("/console/insights").body();
        String csv = browser.get("/console/insights/themes.csv").body();
        assertThat(page).doesNotContain("info@verein", "123456");
        List<List<String>> pageRows = rows(page, "themes");
        List<List<String>> csvRows = csv.lines().skip(1).map(PrivacyAndInsightsTests::csvLine).toList();
        assertThat(pageRows).isNotEmpty().hasSameSizeAs(csvRows);
        for (int i = 0; i < pageRows.size(); i++) {
            assertThat(pageRows.get(i).subList(0, 2)).isEqualTo(csvRows.get(i).subList(0, 2));
        }
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

    /** One line of the insights' CSV: semicolons between fields, quotes only where needed. */
    private static List<String> csvLine(String line) {
        List<String> fields = new ArrayList<>();
        Matcher m = Pattern.compile("(?:^|;)(?:\"((?:[^\"]|\"\")*)\"|([^;]*))").matcher(line);
        while (m.find()) {
            fields.add(m.group(1) != null ? m.group(1).replace("\"\"", "\"") : m.group(2));
        }
        return fields;
    }
}
