package de.ikoe.lotse;

import de.ikoe.lotse.support.ChatSession;
import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.support.SharedApplicationTest;
import de.ikoe.lotse.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the web chat API gives a person for an answer: offers and events as cards with their
 * fields and links, sources once and as links, an example marked once, "Mehr zum Thema" not
 * again on a follow-up, English values in English.
 */
@SharedApplicationTest
class AnswerCardsTests {

    @Autowired
    MutableClock clock;
    @LocalServerPort
    int port;

    private ChatSession chat;

    @BeforeEach
    void newSession() {
        clock.set(TestClock.OFFICE_TIME);
        chat = ChatSession.start("http://127.0.0.1:" + port);
    }

    private JsonNode ask(String text) {
        return chat.ask(text);
    }

    private static List<JsonNode> blocks(JsonNode message, String type) {
        return message.path("reply").path("blocks").valueStream().filter(b -> b.path("type").asString().equals(type)).toList();
    }

    private static List<String> fields(JsonNode card) {
        return card.path("fields").valueStream().map(f -> f.path("label").asString() + ": " + f.path("value").asString()).toList();
    }

    private static List<String> links(JsonNode block) {
        return block.path("links").valueStream().map(l -> l.path("label").asString() + " → " + l.path("url").asString()).toList();
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anOfferIsACardWithProviderPlaceCostAndItsLinks() {
        JsonNode answer = ask("Gibt es Fortbildungen für Verwaltungen in Jena?");
        List<JsonNode> cards = blocks(answer, "card");
        assertThat(cards).extracting(c -> c.path("title").asString())
                .containsExactly("Fortbildung interkulturelle Kompetenz für Ämter in Jena", "Online-Kurs Vielfalt im Bürgerkontakt");
        JsonNode jena = cards.get(0);
        assertThat(jena.path("tag").asString()).isEqualTo("Beispiel");
        assertThat(fields(jena)).containsExactly("Anbieter: Bildungshaus an der Saale", "Ort: Jena", "Kosten: 120 Euro pro Person");
        assertThat(links(jena)).containsExactly("Website → https://example.org/bildungshaus-saale",
                "Details → /knowledge/fortbildung-jena-verwaltung?lang=de");
        assertThat(links(cards.get(1))).containsExactly("E-Mail → mailto:kurse@example.org",
                "Details → /knowledge/online-kurs-verwaltung?lang=de");
        assertThat(fields(cards.get(1))).contains("Ort: thüringenweit, online");
        assertThat(blocks(answer, "links")).singleElement().satisfies(more -> {
            assertThat(more.path("label").asString()).isEqualTo("Mehr zum Thema");
            assertThat(links(more)).containsExactly(
                    "Fortbildungen zu interkultureller Kompetenz → /knowledge/interkulturelle-kompetenz-fortbildung?lang=de");
        });
        String text = answer.path("text").asString();
        assertThat(occurrences(text, "Beispiel")).as("each offer marked once").isEqualTo(2);
        assertThat(text).doesNotContain("(erfunden)", "[Beispieleintrag]");
    }

    @Test
    void aFollowUpForAnotherPlaceDoesNotRepeatTheTopic() {
        ask("Gibt es Fortbildungen für Verwaltungen in Jena?");
        JsonNode erfurt = ask("und in Erfurt?");
        assertThat(blocks(erfurt, "paragraph").get(0).path("text").asString())
                .isEqualTo("In Erfurt habe ich kein Angebot gefunden. Diese Angebote gibt es thüringenweit oder online:");
        assertThat(blocks(erfurt, "card")).extracting(c -> c.path("title").asString())
                .containsExactly("Online-Kurs Vielfalt im Bürgerkontakt");
        assertThat(erfurt.path("text").asString()).doesNotContain("Mehr zum Thema", "Fortbildungen zu interkultureller Kompetenz");
    }

    @Test
    void aSourceIsNamedOnceAndIsALink() {
        JsonNode answer = ask("Was ist IKÖ?");
        assertThat(blocks(answer, "links")).singleElement().satisfies(sources -> {
            assertThat(sources.path("label").asString()).isEqualTo("Quelle");
            assertThat(links(sources)).singleElement().asString().endsWith("→ /knowledge/was-ist-ikoe?lang=de");
        });
        String title = answer.path("sources").get(0).path("title").asString();
        assertThat(occurrences(answer.path("text").asString(), title)).isEqualTo(1);
        assertThat(occurrences(answer.path("text").asString(), "Quelle")).isEqualTo(1);
    }

    @Test
    void anEventIsACardThatDoesNotNameThePlaceTwiceAndIsMarkedAsAnExample() {
        JsonNode answer = ask("Wann ist das nächste Vernetzungstreffen?");
        JsonNode event = blocks(answer, "card").stream()
                .filter(c -> c.path("title").asString().startsWith("Vernetzungstreffen")).findFirst().orElseThrow();
        assertThat(event.path("title").asString()).isEqualTo("Vernetzungstreffen in Erfurt (März 2027)");
        assertThat(event.path("tag").asString()).isEqualTo("Beispiel");
        assertThat(fields(event)).containsExactly("Termin: Do., 18.3.2027, 13:00–17:00 Uhr", "Anbieter: Netzwerk Beispielstadt",
                "Anmeldung: per E-Mail an die erfundene Adresse");
        assertThat(links(event)).containsExactly("Anmelden → mailto:treffen@example.org",
                "Details → /knowledge/vernetzungstreffen-erfurt-2027-03?lang=de");
    }

    @Test
    void anEnglishAnswerShowsTheEnglishValuesAnEntryHas() {
        JsonNode answer = ask("Are there trainings for public administrations in Jena?");
        JsonNode jena = blocks(answer, "card").get(0);
        assertThat(jena.path("title").asString()).isEqualTo("Intercultural competence training for public offices in Jena");
        assertThat(jena.path("tag").asString()).isEqualTo("Example");
        assertThat(fields(jena)).containsExactly("Provider: Bildungshaus an der Saale", "Place: Jena",
                "Cost: 120 euros per person");
        assertThat(links(jena)).contains("Details → /knowledge/fortbildung-jena-verwaltung?lang=en");
        assertThat(fields(blocks(answer, "card").get(1))).contains("Place: throughout Thuringia, online", "Cost: free of charge");
    }
}
