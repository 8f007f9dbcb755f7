package de.ikoe.lotse.knowledge.internal;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A question becomes at most {@link QueryTerms#MAX_WORDS} words, {@link QueryTerms#MAX_LETTERS}
 * letters of telling words, none longer than {@link QueryTerms#MAX_WORD_LENGTH}, before any
 * Lucene query is built, whatever the person sent.
 */
class QueryTermsTests {

    private final Analysis analysis = new Analysis(List.of("beratung", "stelle", "kurs", "stadt", "amt"));
    private final Synonyms synonyms = Synonyms.parse(List.of(), analysis, new java.util.ArrayList<>());

    private static String letters(int n, long seed) {
        Random random = new Random(seed);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < n; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    @Test
    void aWordOfThousandsOfLettersIsNoWord() {
        assertThat(QueryTerms.of(analysis, synonyms, "de", letters(3990, 1))).isEmpty();
        assertThat(QueryTerms.of(analysis, synonyms, "de", "Was ist " + letters(45, 2) + " Beratung?"))
                .extracting(QueryTerms.Group::head).containsExactly("was", "beratung");
    }

    @Test
    void hundredsOfWordsAreCutToTheFirstOnes() {
        String text = IntStream.range(0, 600).mapToObj(i -> letters(6, i)).collect(Collectors.joining(" "));
        List<QueryTerms.Group> groups = QueryTerms.of(analysis, synonyms, "de", text);
        assertThat(groups).hasSizeBetween(2, QueryTerms.MAX_WORDS);
        assertThat(groups.stream().filter(g -> !g.weak()).mapToInt(g -> g.head().length()).sum())
                .isLessThanOrEqualTo(QueryTerms.MAX_LETTERS);
        assertThat(groups.get(0).head()).startsWith(letters(6, 0).substring(0, 4));
    }

    @Test
    void longWordsFillTheBudgetSooner() {
        String text = IntStream.range(0, 30).mapToObj(i -> letters(40, i)).collect(Collectors.joining(" "));
        assertThat(QueryTerms.of(analysis, synonyms, "de", text)).hasSize(2);
    }

    @Test
    void aCompoundOfManyPartsKeepsAFew() {
        String monster = "beratungsstelle".repeat(15) + "kursstadtamt".repeat(5);
        List<QueryTerms.Group> groups = QueryTerms.of(analysis, synonyms, "de", monster);
        assertThat(groups).allSatisfy(g -> assertThat(g.terms()).hasSizeLessThanOrEqualTo(QueryTerms.MAX_PARTS + 1));
    }

    @Test
    void anOrdinaryQuestionIsUntouched() {
        List<QueryTerms.Group> groups = QueryTerms.of(analysis, synonyms, "de",
                "Wo finde ich eine Beratungsstelle für Verwaltungen in Jena?");
        assertThat(groups).extracting(QueryTerms.Group::head).contains("beratungsstell", "verwaltung", "jena");
        assertThat(groups.stream().filter(g -> g.head().equals("beratungsstell")).findFirst().orElseThrow().terms())
                .contains("beratung", "stell");
    }
}
