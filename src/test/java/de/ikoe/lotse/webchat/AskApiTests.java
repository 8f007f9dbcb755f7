package de.ikoe.lotse.webchat;

import de.ikoe.lotse.conversation.BotTexts;
import de.ikoe.lotse.support.SharedApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON contract of {@code POST /api/ask} and {@code GET /api/knowledge/{id}}, over HTTP. */
@SharedApplicationTest
class AskApiTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    BotTexts texts;

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ask"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ask(String text) throws Exception {
        HttpResponse<String> response = post(json.writeValueAsString(Map.of("text", text)));
        assertThat(response.statusCode()).isEqualTo(200);
        return json.readTree(response.body());
    }

    @Test
    void everyFieldIsPresentEvenWhenEmpty() throws Exception {
        JsonNode answer = ask("Was ist IKÖ?");
        assertThat(List.copyOf(answer.propertyNames())).containsExactly("lang", "intent", "answered", "confidence",
                "text", "sources", "offers", "events", "filters", "escalation");
        assertThat(List.copyOf(answer.path("filters").propertyNames())).containsExactly("region", "targetGroup", "format");
        assertThat(answer.path("filters").path("region").isNull()).isTrue();
        assertThat(answer.path("offers").isArray()).isTrue();
        assertThat(answer.path("events").isArray()).isTrue();
    }

    @Test
    void aQuestionIsAnsweredWithItsSourceNamed() throws Exception {
        JsonNode answer = ask("Was ist IKÖ?");
        assertThat(answer.path("lang").asString()).isEqualTo("de");
        assertThat(answer.path("intent").asString()).isEqualTo("question");
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("confidence").asDouble()).isBetween(0.0, 1.0);
        assertThat(answer.path("sources").get(0).path("id").asString()).isEqualTo("was-ist-ikoe");
        String title = answer.path("sources").get(0).path("title").asString();
        assertThat(answer.path("text").asString()).contains(title);
        assertThat(answer.path("escalation").asString()).isEqualTo("none");
    }

    @Test
    void anOfferSearchNamesItsFiltersAndShowsMatchingOffers() throws Exception {
        JsonNode answer = ask("Gibt es Fortbildungen für Behörden in Jena?");
        assertThat(answer.path("intent").asString()).isEqualTo("offers");
        assertThat(answer.path("filters").path("region").asString()).isEqualTo("jena");
        assertThat(answer.path("filters").path("targetGroup").asString()).isEqualTo("verwaltung");
        assertThat(answer.path("filters").path("format").asString()).isEqualTo("fortbildung");
        assertThat(answer.path("offers")).isNotEmpty().allSatisfy(offer -> {
            assertThat(offer.path("formats").toString()).contains("fortbildung");
            assertThat(offer.path("regions").toString()).containsAnyOf("jena", "thueringenweit", "online");
            assertThat(offer.path("targetGroups").toString()).containsAnyOf("verwaltung", "alle");
        });
        assertThat(answer.path("text").asString()).contains(answer.path("offers").get(0).path("title").asString());
    }

    @Test
    void outOfScopeIsNotAnsweredButSaidPolitelyWithWhatTheBotCanDo() throws Exception {
        JsonNode answer = ask("Wie backe ich einen Marmorkuchen?");
        assertThat(answer.path("answered").asBoolean()).isFalse();
        assertThat(answer.path("intent").asString()).isEqualTo("out_of_scope");
        assertThat(answer.path("sources")).isEmpty();
        assertThat(answer.path("text").asString()).isEqualTo(texts.in("de").outOfScope());
    }

    @Test
    void aRequestForAPersonIsNeverAnsweredWithAnArticle() throws Exception {
        for (String text : List.of("Könnte mich bitte jemand aus Ihrem Team anrufen?",
                "Sind bei euch auch Menschen erreichbar oder nur ein Programm?",
                "Ich brauche eine Beraterin, der Bot versteht mich nicht")) {
            JsonNode answer = ask(text);
            assertThat(answer.path("intent").asString()).as(text).isEqualTo("handoff");
            assertThat(answer.path("sources")).as(text).isEmpty();
        }
    }

    @Test
    void greetingEventsContactAndEnglishAreAnsweredAsSuch() throws Exception {
        assertThat(ask("Hallo, wer bist du?").path("intent").asString()).isIn("greeting", "help");
        JsonNode events = ask("Welche Veranstaltungen gibt es?");
        assertThat(events.path("intent").asString()).isEqualTo("events");
        assertThat(events.path("events")).isNotEmpty();
        JsonNode series = ask("Wann ist der nächste VielFalter?");
        assertThat(series.path("events")).isNotEmpty()
                .allSatisfy(e -> assertThat(e.path("title").asString()).contains("VielFalter"));
        JsonNode contact = ask("Wie erreiche ich das Zentrum?");
        assertThat(contact.path("intent").asString()).isEqualTo("contact");
        assertThat(contact.path("sources").get(0).path("id").asString()).isEqualTo("kontakt-beratung-anfragen");
        assertThat(contact.path("text").asString()).contains("Neugasse");
        JsonNode agg = ask("What does the AGG require?");
        assertThat(agg.path("lang").asString()).isEqualTo("en");
        assertThat(agg.path("answered").asBoolean()).isTrue();
        assertThat(agg.path("sources").get(0).path("id").asString()).isEqualTo("antidiskriminierung-agg");
    }

    @Test
    void englishIsAnsweredInEnglish() throws Exception {
        JsonNode answer = ask("What is diversity management?");
        assertThat(answer.path("lang").asString()).isEqualTo("en");
        assertThat(answer.path("sources").get(0).path("lang").asString()).isEqualTo("en");
    }

    /** Offers are written in German: an English answer says so, and everything of its own is English. */
    @Test
    void anEnglishOfferAnswerShowsNoGermanWhereThereIsEnglish() throws Exception {
        JsonNode answer = ask("Is there a training course for public authorities in Jena?");
        assertThat(answer.path("lang").asString()).isEqualTo("en");
        assertThat(answer.path("intent").asString()).isEqualTo("offers");
        String text = answer.path("text").asString();
        assertThat(text).contains(bot().detailsInOtherLanguage())
                .doesNotContain("Kosten", "Kontakt", "Beispieleintrag", "thüringenweit", "Quelle:");
    }

    private de.ikoe.lotse.conversation.Texts bot() {
        return texts.in("en");
    }

    @Test
    void badRequestsGetAReasonAndNoStackTrace() throws Exception {
        assertBadRequest(post("{\"text\":\"\"}"), "text must not be empty");
        assertBadRequest(post("{\"text\":\"" + "a".repeat(4001) + "\"}"), "at most 4000");
        assertBadRequest(post("{\"text\":\"Hallo\",\"lang\":\"fr\"}"), "lang must be de or en");
        assertBadRequest(post("{\"text\": "), "JSON object");
        assertBadRequest(post("{}"), "text must not be empty");
    }

    private void assertBadRequest(HttpResponse<String> response, String reason) throws Exception {
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("detail").asString()).contains(reason);
        assertThat(response.body()).doesNotContain("Exception", "at de.ikoe");
    }

    @Test
    void aLongQuestionWithinTheLimitIsStillAnswered() throws Exception {
        String question = "Was ist interkulturelle Öffnung? " + "Bitte ausführlich. ".repeat(200);
        assertThat(question.length()).isLessThanOrEqualTo(4000);
        JsonNode answer = ask(question);
        assertThat(answer.path("answered").asBoolean()).isTrue();
        assertThat(answer.path("sources").get(0).path("id").asString()).isEqualTo("was-ist-ikoe");
    }

    @Test
    void oneDocumentCanBeReadWithItsHtmlBody() throws Exception {
        HttpResponse<String> response = get("/api/knowledge/was-ist-ikoe?lang=en");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = json.readTree(response.body());
        assertThat(doc.path("id").asString()).isEqualTo("was-ist-ikoe");
        assertThat(doc.path("lang").asString()).isEqualTo("en");
        assertThat(doc.path("kind").asString()).isEqualTo("guidance");
        assertThat(doc.path("body").asString()).contains("<p>");
        assertThat(doc.path("summary").asString()).isNotBlank();
        assertThat(doc.path("metadata").path("tags")).isNotEmpty();
    }

    @Test
    void anUnknownDocumentIs404() throws Exception {
        HttpResponse<String> response = get("/api/knowledge/gibt-es-nicht");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json.readTree(response.body()).path("detail").asString()).contains("gibt-es-nicht");
    }
}
