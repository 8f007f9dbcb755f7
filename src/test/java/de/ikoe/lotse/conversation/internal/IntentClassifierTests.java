package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Intent;
import de.ikoe.lotse.knowledge.QueryFilters;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntentClassifierTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Hallo!|GREETING", "Guten Morgen|GREETING", "Hi there|GREETING", "/start|GREETING",
            "Danke!|THANKS", "Super, vielen Dank!|THANKS", "Thank you so much|THANKS",
            "Was kannst du?|HELP", "/hilfe|HELP", "What can this bot do?|HELP",
            "Datenschutz|PRIVACY", "Was speichert ihr über mich?|PRIVACY", "Do you keep data about me?|PRIVACY",
            "Ich möchte mit einer Beraterin sprechen|HANDOFF", "Kann ich mit einem Menschen reden?|HANDOFF",
            "/berater|HANDOFF", "Please let me talk to a human|HANDOFF", "mensch bitte|HANDOFF",
            "Kann mich jemand zurückrufen?|HANDOFF",
            "Wie erreichen Menschen, die wenig Deutsch sprechen, unsere Beschwerdestelle?|QUESTION",
            "Wie kann ich eine Beratung anfragen?|QUESTION",
            "Das war hilfreich|FEEDBACK", "not helpful|FEEDBACK",
            "Wann ist das nächste Netzwerktreffen?|EVENTS", "Welche Veranstaltungen gibt es demnächst?|EVENTS",
            "Was ist der VielFalter?|QUESTION",
            "?|HELP", "!!!|UNKNOWN"})
    void recognisesWhatAMessageIsFor(String text, Intent expected) {
        assertThat(IntentClassifier.classify(text, QueryFilters.NONE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Workshop für Unternehmen in Erfurt|erfurt|unternehmen|workshop|OFFERS",
            "Gibt es etwas in Eisenach?|wartburgkreis|||OFFERS",
            "Wie wird das Wetter in Erfurt?|erfurt|||QUESTION",
            "Bietet ihr Fortbildungen an?|||fortbildung|OFFERS",
            "Was bringt eine Fortbildung?|||fortbildung|QUESTION"})
    void anOfferSearchNeedsAPlaceOrAFormatAndAnOfferWord(String text, String region, String target, String format,
                                                       Intent expected) {
        assertThat(IntentClassifier.classify(text, new QueryFilters(region, target, format))).isEqualTo(expected);
    }
}
