package de.ikoe.lotse.knowledge.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisTests {

    private final Analysis analysis = new Analysis(List.of("verwaltung", "mitarbeitende", "vielfalt", "management",
            "beschwerde", "stelle"));

    private List<String> de(String text) {
        return analysis.terms(analysis.analyzer("de"), text);
    }

    private List<String> en(String text) {
        return analysis.terms(analysis.analyzer("en"), text);
    }

    @Test
    void germanSpellingsWithAndWithoutUmlautsMeetInOneTerm() {
        assertThat(de("Öffnung")).isEqualTo(de("Oeffnung"));
        assertThat(de("Behörde")).isEqualTo(de("Behoerde"));
        assertThat(de("Maßnahme")).isEqualTo(de("Massnahme"));
    }

    @Test
    void lightStemmingJoinsSingularAndPlural() {
        assertThat(de("Verwaltungen")).isEqualTo(de("Verwaltung"));
        assertThat(de("Schulen")).isEqualTo(de("Schule"));
    }

    @Test
    void compoundsAreAlsoFoundByTheirParts() {
        assertThat(de("Verwaltungsmitarbeitende")).containsAll(de("Verwaltung")).containsAll(de("Mitarbeitende"));
        assertThat(de("Vielfaltsmanagement")).containsAll(de("Vielfalt")).containsAll(de("Management"));
        assertThat(de("Beschwerdestelle")).containsAll(de("Beschwerde")).containsAll(de("Stelle"));
    }

    @Test
    void stopWordsAreDroppedButQuestionWordsStayAsWeakTerms() {
        assertThat(de("der die das und")).isEmpty();
        assertThat(en("what does the bot do")).doesNotContain("doe", "do", "the").contains("bot");
        List<String> who = de("Wer seid ihr?");
        assertThat(who).isNotEmpty().allMatch(term -> analysis.isWeak("de", term));
    }

    @Test
    void greetingsAndThanksAroundAQuestionCountLittle() {
        // "Hi" stems like "his", "Guten Tag" holds the "Tag" of "Diversity-Tag": neither may steer the search
        assertThat(en("Hi")).isEqualTo(en("his")).allMatch(term -> analysis.isWeak("en", term));
        assertThat(de("Guten Tag, moin, vielen Dank")).isNotEmpty().allMatch(term -> analysis.isWeak("de", term));
        assertThat(en("good morning, cheers, thank you")).isNotEmpty().allMatch(term -> analysis.isWeak("en", term));
        assertThat(de("Diversity-Tag")).anyMatch(term -> !analysis.isWeak("de", term));
    }

    @Test
    void theNameVielFalterStaysApartFromVielfaltInBothLanguages() {
        assertThat(de("VielFalter")).isNotEqualTo(de("Vielfalt"));
        assertThat(en("VielFalter")).isNotEqualTo(en("Vielfalt"));
    }
}
