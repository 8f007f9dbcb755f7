package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.QueryFilters;
import de.ikoe.lotse.knowledge.SearchQuery;
import de.ikoe.lotse.knowledge.SearchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Search over the shipped knowledge base, with the clock pinned. */
class KnowledgeSearchTests {

    private static final QueryUnderstanding UNDERSTANDING = new QueryUnderstanding(Vocabulary.shipped());

    private final List<Object> reloads = new CopyOnWriteArrayList<>();
    private KnowledgeIndex index;

    private LuceneKnowledgeSearch searchAt(Instant now) {
        Clock clock = Clock.fixed(now, ZoneId.of("Europe/Berlin"));
        index = new KnowledgeIndex(new KnowledgeProperties(ShippedKnowledgeBaseTests.SHIPPED, false,
                Duration.ofMillis(100)), clock, reloads::add);
        return new LuceneKnowledgeSearch(index, clock);
    }

    @AfterEach
    void close() throws Exception {
        if (index != null) {
            index.snapshot().close();
        }
    }

    private SearchResult search(String text) {
        return searchAt(Instant.parse("2026-11-29T12:00:00Z")).search(new SearchQuery(text, "de"));
    }

    @Test
    void onlyUpcomingEventsAreShownJudgedByTheClock() {
        Instant early = Instant.parse("2026-01-01T00:00:00Z");
        List<KnowledgeDocument> fromJanuary = searchAt(early).search(new SearchQuery("Veranstaltungen", "de")).events();
        assertThat(fromJanuary).isNotEmpty().allSatisfy(e -> assertThat(e.start().toInstant()).isAfter(early));
        assertThat(fromJanuary).anySatisfy(e -> assertThat(e.start().getYear()).isEqualTo(2026));

        Instant late = Instant.parse("2027-06-01T00:00:00Z");
        List<KnowledgeDocument> fromJune = searchAt(late).search(new SearchQuery("Veranstaltungen", "de")).events();
        assertThat(fromJune).isNotEmpty().allSatisfy(e -> assertThat(e.start().toInstant()).isAfter(late));
        assertThat(fromJune).extracting(KnowledgeDocument::start).isSorted();
    }

    @Test
    void afterTheLastEventThereIsNone() {
        assertThat(searchAt(Instant.parse("2040-01-01T00:00:00Z")).search(new SearchQuery("Termine", "de")).events())
                .isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "Fortbildung in Eisenach, wartburgkreis",
            "Beratung in Bad Salzungen, wartburgkreis",
            "Angebote in Ilmenau, ilm-kreis",
            "Workshop Arnstadt, ilm-kreis",
            "Angebote in Mühlhausen, unstrut-hainich-kreis",
            "Angebote in Muehlhausen, unstrut-hainich-kreis",
            "Angebote in Muhlhausen, unstrut-hainich-kreis",
            "Angebote in Bad Langensalza, unstrut-hainich-kreis",
            "Angebote in Apolda, weimarer-land",
            "Angebote im Weimarer Land, weimarer-land",
            "Angebote in Weimar, weimar",
            "Angebote in Saalfeld, saalfeld-rudolstadt",
            "Angebote in Rudolstadt, saalfeld-rudolstadt",
            "Angebote in Meiningen, schmalkalden-meiningen",
            "Angebote in Schmalkalden, schmalkalden-meiningen",
            "Angebote in Altenburg, altenburger-land",
            "Angebote in Heilbad Heiligenstadt, eichsfeld",
            "Angebote in Leinefelde-Worbis, eichsfeld",
            "Angebote in Sondershausen, kyffhaeuserkreis",
            "Angebote in Pößneck, saale-orla-kreis",
            "Angebote in Poessneck, saale-orla-kreis",
            "Angebote in Schleiz, saale-orla-kreis",
            "Angebote in Eisenberg, saale-holzland-kreis",
            "Angebote in Stadtroda, saale-holzland-kreis",
            "Angebote in Greiz, greiz",
            "Angebote in Zeulenroda-Triebes, greiz",
            "Angebote in Sömmerda, soemmerda",
            "Angebote in Soemmerda, soemmerda",
            "Angebote in Sonneberg, sonneberg",
            "Angebote in Hildburghausen, hildburghausen",
            "Angebote in Gotha, gotha",
            "Angebote in Nordhausen, nordhausen",
            "Angebote in Erfurt, erfurt",
            "Angebote in Jena, jena",
            "Angebote in Gera, gera",
            "Angebote in Suhl, suhl",
            "Online-Kurs Vielfalt, online",
            "Angebote in Schmölln, altenburger-land",
            "Fortbildung im Ilmkreis, ilm-kreis",
            "Vereine im Saale Holzland Kreis, saale-holzland-kreis",
            "Projekte an Jenaer Schulen, jena",
            "Angebote in Poessneck, saale-orla-kreis"})
    void townsAreMappedToTheirRegion(String text, String region) {
        assertThat(UNDERSTANDING.understand(text).filters().region()).isEqualTo(region);
    }

    @Test
    void wordsThatMerelyContainAPlaceNameAreNoPlace() {
        assertThat(UNDERSTANDING.understand("Wir sind gerade dabei, Gerechtigkeit zu fördern").filters().region())
                .isNull();
    }

    @Test
    void targetGroupsAndFormatsAreRecognised() {
        QueryFilters filters = UNDERSTANDING.understand("Schulung für unser Bürgeramt").filters();
        assertThat(filters.targetGroup()).isEqualTo("verwaltung");
        assertThat(filters.format()).isEqualTo("fortbildung");
        QueryFilters counselling = UNDERSTANDING.understand(
                "Wir sind eine Beratungsstelle und brauchen Dolmetscher").filters();
        assertThat(counselling.targetGroup()).isEqualTo("soziale-arbeit");
        assertThat(counselling.format()).isEqualTo("sprachmittlung");
        assertThat(UNDERSTANDING.understand("Gibt es eine Schulung für unser Bürgeramt in Apolda?").filters())
                .as("the example of the editors' guide").isEqualTo(new QueryFilters("weimarer-land", "verwaltung", "fortbildung"));
    }

    @Test
    void localOffersComeFirstAndAllMatchTheFilters() {
        SearchResult result = search("Workshop für Unternehmen in Erfurt");
        assertThat(result.offers()).isNotEmpty().allSatisfy(o -> {
            assertThat(o.regions()).containsAnyOf("erfurt", "thueringenweit", "online");
            assertThat(o.targetGroups()).containsAnyOf("unternehmen", "alle");
            assertThat(o.formats()).contains("workshop");
        });
        assertThat(result.offers().get(0).regions()).contains("erfurt");
        assertThat(result.offersFallback()).isFalse();
    }

    @Test
    void aPlaceWithoutOffersFallsBackToThuringiaWideAndOnlineOnes() {
        SearchResult result = search("Coaching für Migrantenorganisationen in Sonneberg");
        assertThat(result.filters().region()).isEqualTo("sonneberg");
        assertThat(result.offers()).isNotEmpty().allSatisfy(o ->
                assertThat(o.regions()).containsAnyOf("thueringenweit", "online"));
        assertThat(result.offersFallback()).isTrue();
    }

    @Test
    void spellingWithoutUmlautsTyposAndCompoundsFindTheSameTopic() {
        assertThat(topId("Beschwerdestelle nach AGG")).isIn("antidiskriminierung-agg", "beschwerdemanagement");
        assertThat(topId("Oeffnung der Behoerde fuer Zugewanderte")).isEqualTo(topId("Öffnung der Behörde für Zugewanderte"));
        assertThat(topId("Leichte Sprahce")).isEqualTo("leichte-sprache");
        assertThat(topId("Vielfaltsmanagement")).isEqualTo("vielfaltsmanagement");
    }

    @Test
    void threeOrFourTyposInOneSentenceStillFindTheTopic() {
        SearchResult result = search("interkulturele öfnung schulng für mitarbiter");
        assertThat(result.guidance()).isNotEmpty();
        assertThat(result.guidance().get(0).document().id()).isEqualTo("interkulturelle-kompetenz-fortbildung");
        assertThat(result.confidence()).as("confident enough to answer").isGreaterThanOrEqualTo(0.45);
        assertThat(topId("Beschwerdestele nach dem Gleichbehandlungsgesets")).isIn("antidiskriminierung-agg",
                "beschwerdemanagement");
    }

    @Test
    void twoLettersSwappedAreOneTypo() {
        assertThat(Spelling.edits("leitbidl", "leitbild")).isEqualTo(1);
        assertThat(topId("Leitbidl")).isEqualTo("leitbild-vielfalt");
    }

    @Test
    void aLongMessageIsSearchedForItsQuestion() {
        // the situation first, as people write; the question at the end must still be what is searched
        String situation = "Wir sind ein Landratsamt mit sechshundert Beschäftigten in vielen Ämtern und Außenstellen. "
                + "Der neue Landrat hat in seiner Antrittsrede vieles angekündigt, die Presse hat berichtet, "
                + "im Kreistag wurde lange darüber debattiert und die Personalräte sind eingebunden worden. ";
        SearchResult result = search(situation + "Was gehört in ein Leitbild, das Vielfalt ernst nimmt?");
        assertThat(result.guidance()).isNotEmpty();
        assertThat(result.guidance().get(0).document().id()).isEqualTo("leitbild-vielfalt");
        assertThat(Sentences.questionsFirst("Erst dies. Dann das? Zuletzt jenes."))
                .isEqualTo("Dann das? Erst dies. Zuletzt jenes.");
    }

    @Test
    void wordsTheBaseKnowsInNoLanguageAreCounted() {
        assertThat(search("Gibt es einen Yoga-Workshop in Jena?").unknownWords()).isEqualTo(1);
        assertThat(search("Gibt es Workshops zu Leichter Sprache in Jena?").unknownWords()).isZero();
        // words people use to ask (from the intent examples) are not unknown, even where no topic has them
        assertThat(search("Welche Veranstaltungen stehen demnächst an?").unknownWords()).isZero();
    }

    @Test
    void aWordTheIndexKnowsIsNeverCorrected() throws Exception {
        LuceneKnowledgeSearch search = searchAt(Instant.parse("2026-11-29T12:00:00Z"));
        index.withSearcher((snapshot, searcher) -> {
            try {
                List<QueryTerms.Group> groups = QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "de",
                        "Leitbild Vielfalt");
                assertThat(snapshot.spelling().correct(searcher.getIndexReader(), "all_de", groups)).isEqualTo(groups);
                List<QueryTerms.Group> typo = QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "de", "Leitbilt");
                assertThat(snapshot.spelling().correct(searcher.getIndexReader(), "all_de", typo).get(0).terms())
                        .hasSizeGreaterThan(typo.get(0).terms().size());
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(search).isNotNull();
    }

    @Test
    void aMisspeltWordIsCorrectedByItsLengthAsTypedNotByWhatStemmingLeftOfIt() {
        searchAt(Instant.parse("2026-11-29T12:00:00Z"));
        index.withSearcher((snapshot, searcher) -> {
            try {
                // "opning" stems to "opn": three letters, but six as typed, one letter from "opening"
                List<QueryTerms.Group> typo = QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "en", "opning");
                assertThat(typo.get(0).head()).hasSizeLessThan(Spelling.MIN_LENGTH);
                assertThat(snapshot.spelling().correct(searcher.getIndexReader(), "all_en", typo).get(0).terms())
                        .containsAll(QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "en", "opening").get(0).terms());
                // a word typed short stays as it is: "Jen" is not corrected into anything
                List<QueryTerms.Group> shortWord = QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "de", "Jen");
                assertThat(snapshot.spelling().correct(searcher.getIndexReader(), "all_de", shortWord)).isEqualTo(shortWord);
                return null;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void aWordOfFourThousandLettersIsNeitherSearchedNorCorrected() {
        String monster = "schulung".repeat(500);
        LuceneKnowledgeSearch search = searchAt(Instant.parse("2026-11-29T12:00:00Z"));
        index.withSearcher((snapshot, searcher) -> {
            assertThat(QueryTerms.of(snapshot.analysis(), snapshot.synonyms(), "de", monster)).isEmpty();
            return null;
        });
        SearchResult result = search.search(new SearchQuery(monster + " Leitbild", "de"));
        assertThat(result.words()).isEqualTo(1);
    }

    @Test
    void aNamedEventSeriesListsOnlyThatSeries() {
        SearchResult vielfalter = searchAt(Instant.parse("2026-01-01T00:00:00Z"))
                .search(new SearchQuery("Wann ist der nächste VielFalter-Abend?", "de"));
        assertThat(vielfalter.events()).isNotEmpty()
                .allSatisfy(e -> assertThat(e.tags()).contains("VielFalter"));
        SearchResult all = searchAt(Instant.parse("2026-01-01T00:00:00Z"))
                .search(new SearchQuery("Welche Veranstaltungen stehen an?", "de"));
        assertThat(all.events()).anySatisfy(e -> assertThat(e.tags()).doesNotContain("VielFalter"));
    }

    @Test
    void synonymsFromTheEditorsFileAreUsed() {
        assertThat(topId("Dolmetschen im Amt")).isEqualTo("mehrsprachigkeit-sprachmittlung");
        assertThat(topId("Was ist Diversität?")).isIn("vielfaltsmanagement", "glossar");
    }

    @Test
    void confidenceIsHighForAClearQuestionAndLowForAnUnrelatedOne() {
        assertThat(search("Was ist die Charta der Vielfalt?").confidence()).isGreaterThan(0.8);
        assertThat(search("Wie hoch ist der Brocken im Harz?").confidence()).isLessThan(0.5);
    }

    @Test
    void aTopicFoundThroughTheEnglishVersionIsGivenInGerman() {
        // German alone is unsure here ("gendern" is known nowhere); the English version of the
        // topic matches better, and the German asker must still get the German text.
        SearchResult result = search("Stellenanzeige gendern und Vielfalt");
        assertThat(result.guidance()).isNotEmpty()
                .allSatisfy(hit -> assertThat(hit.document().lang()).isEqualTo("de"));
        assertThat(result.guidance().get(0).document().id()).isEqualTo("personalgewinnung-vielfalt");
    }

    @Test
    void anEnglishQuestionAboutDiversityIsNotTakenForTheVielFalter() {
        SearchResult result = searchAt(Instant.parse("2026-11-29T12:00:00Z"))
                .search(new SearchQuery("What is diversity management?", "en"));
        assertThat(result.guidance()).isNotEmpty();
        assertThat(result.guidance().get(0).document().id()).isEqualTo("vielfaltsmanagement");
        assertThat(result.guidance().get(0).document().lang()).isEqualTo("en");
    }

    private String topId(String text) {
        SearchResult result = search(text);
        assertThat(result.guidance()).as("hits for %s", text).isNotEmpty();
        return result.guidance().get(0).document().id();
    }
}
