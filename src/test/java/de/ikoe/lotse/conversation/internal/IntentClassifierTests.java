package de.ikoe.lotse.conversation.internal;

import de.ikoe.lotse.conversation.Command;
import de.ikoe.lotse.conversation.Intent;
import de.ikoe.lotse.knowledge.IntentGuess;
import de.ikoe.lotse.knowledge.QueryFilters;
import de.ikoe.lotse.knowledge.SearchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision rule on given classifier probabilities, and the commands every channel shares. */
class IntentClassifierTests {

    /** A guess where {@code intent} has {@code p} and the rest of the mass is on {@code question}. */
    private static IntentGuess guess(String intent, double p, String other, double q) {
        Map<String, Double> probabilities = new HashMap<>();
        probabilities.put(intent, p);
        probabilities.merge(other, q, Double::sum);
        probabilities.merge("question", Math.max(0, 1 - p - q), Double::sum);
        return new IntentGuess(probabilities, probabilities);
    }

    private static IntentGuess guess(String intent, double p) {
        return guess(intent, p, "question", 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/berater|HANDOFF", "Berater|HANDOFF", "counsellor!|HANDOFF", "/berater@LotseBot|HANDOFF",
            "/counsellor bitte schnell|HANDOFF", "Mensch|HANDOFF", "/start|GREETING", "/hilfe|HELP", "help|HELP",
            "/datenschutz|PRIVACY", "/loeschen|PRIVACY", "/angebote|OFFERS", "?|HELP", "!!!|UNKNOWN"})
    void commandsAreRecognisedWhateverTheClassifierSays(String text, Intent expected) {
        assertThat(IntentClassifier.classify(text, guess("out_of_scope", 0.99), QueryFilters.NONE)).isEqualTo(expected);
    }

    @Test
    void aCommandWordInsideASentenceIsNoCommand() {
        assertThat(Command.of("Berater für Vereine in Jena")).isEmpty();
        assertThat(Command.of("Hilfe beim Leitbild")).isEmpty();
        assertThat(IntentClassifier.classify("Berater für Vereine in Jena", guess("offers", 0.7), QueryFilters.NONE))
                .isEqualTo(Intent.OFFERS);
    }

    @Test
    void everyCommandOfTheMenuIsUnderstoodInBothLanguages() {
        Arrays.stream(Command.values()).forEach(c -> {
            assertThat(Command.of("/" + c.name("de"))).contains(c);
            assertThat(Command.of("/" + c.name("en"))).contains(c);
        });
    }

    @Test
    void aPersonIsOfferedFromALowerBarThanAnyOtherIntent() {
        assertThat(IntentClassifier.classify("x", guess("handoff", 0.26, "question", 0.7), QueryFilters.NONE))
                .isEqualTo(Intent.HANDOFF);
        assertThat(IntentClassifier.classify("x", guess("handoff", 0.2, "question", 0.8), QueryFilters.NONE))
                .isEqualTo(Intent.QUESTION);
    }

    @Test
    void aRequestForAPersonInOneSentenceOfALongMessageCounts() {
        Map<String, Double> whole = Map.of("question", 0.8, "handoff", 0.2);
        Map<String, Double> sentences = Map.of("question", 0.9, "handoff", 0.7);
        assertThat(IntentClassifier.classify("x", new IntentGuess(whole, sentences), QueryFilters.NONE))
                .isEqualTo(Intent.HANDOFF);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "greeting|0.6|GREETING", "greeting|0.45|QUESTION", "thanks|0.55|THANKS", "help|0.9|HELP",
            "privacy|0.7|PRIVACY", "feedback|0.55|FEEDBACK", "contact|0.6|CONTACT", "events|0.8|EVENTS",
            "offers|0.6|OFFERS", "out_of_scope|0.9|QUESTION"})
    void aConversationalIntentIsTakenWhenItIsLikelyEnough(String intent, double p, Intent expected) {
        assertThat(IntentClassifier.classify("x", guess(intent, p), QueryFilters.NONE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "erfurt|unternehmen|workshop|0.15|OFFERS", "erfurt|unternehmen|workshop|0.05|QUESTION",
            "erfurt|||0.25|OFFERS", "erfurt|||0.1|QUESTION", "||fortbildung|0.3|OFFERS", "||fortbildung|0.05|QUESTION",
            "|verein|fortbildung|0.15|OFFERS"})
    void offersAreSearchedWhenTheMessageNamesWhatAnOfferIs(String region, String target, String format, double offers,
                                                         Intent expected) {
        assertThat(IntentClassifier.classify("x", guess("offers", offers), new QueryFilters(region, target, format)))
                .isEqualTo(expected);
    }

    @Test
    void namingWhatAnOfferIsOutweighsAnEventWordButANamedEventDoesNot() {
        IntentGuess eventish = new IntentGuess(Map.of("events", 0.6, "offers", 0.3, "question", 0.1), Map.of());
        assertThat(IntentClassifier.classify("x", eventish, new QueryFilters("weimar", "unternehmen", "workshop")))
                .isEqualTo(Intent.OFFERS);
        assertThat(IntentClassifier.classify("x", eventish, new QueryFilters("jena", null, "veranstaltung")))
                .isEqualTo(Intent.EVENTS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // p(out_of_scope) | topic confidence | words nothing the bot was given has | out of scope?
            "0.6|0.5|0|true", "0.6|0.9|0|false", "0.8|0.96|0|true", "0.45|0.3|0|true", "0.45|0.85|0|false",
            "0.2|0.1|0|false", "0.45|0.0|1|false", "0.45|0.5|1|true", "0.6|0.0|1|true"})
    void outOfScopeWeighsTheClassifierAgainstTheKnowledgeBase(double p, double confidence, int unheard,
                                                             boolean expected) {
        IntentGuess guess = new IntentGuess(Map.of("out_of_scope", p, "question", (1 - p) / 2, "greeting", (1 - p) / 2),
                Map.of());
        SearchResult result = new SearchResult(QueryFilters.NONE, confidence == 0 ? List.of()
                : List.of(new SearchResult.GuidanceHit(null, confidence, 1)), List.of(), false, List.of(), 3, unheard,
                unheard);
        assertThat(IntentClassifier.outOfScope(guess, result, 0.45)).isEqualTo(expected);
    }

    @Test
    void everyIntentOfTheExamplesIsOneTheBotActsOn() {
        for (String label : new String[] {"handoff", "greeting", "thanks", "help", "privacy", "feedback", "events",
                "offers", "contact", "out_of_scope", "question"}) {
            assertThat(IntentClassifier.intent(label).id()).isEqualTo(label);
        }
    }
}
