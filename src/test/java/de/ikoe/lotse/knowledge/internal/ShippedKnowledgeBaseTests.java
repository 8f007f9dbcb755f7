package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.Kind;
import de.ikoe.lotse.knowledge.KnowledgeDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge base we ship is valid and holds what KNOWLEDGE-BASE.md requires: every topic,
 * texts of the agreed size, and offers and events that cover Thuringia.
 */
class ShippedKnowledgeBaseTests {

    static final Path SHIPPED = Path.of("knowledge-base");

    static final List<String> TOPICS = List.of("ueber-uns", "ziel-und-auftrag", "projekthintergrund",
            "netzwerk-und-beirat", "aufgabe-beratung", "aufgabe-vernetzung", "aufgabe-koordinierung",
            "aufgabe-prozessbegleitung", "aufgabe-luecken", "aufgabe-oeffentlichkeitsarbeit", "vielfalter",
            "hintergrund-veraenderungen", "anliegen-miteinander", "kontakt-beratung-anfragen",
            "thueringer-integrationskonzept", "was-ist-ikoe", "vielfaltsmanagement", "ikoe-prozess-schritte",
            "ist-analyse-organisationscheck", "leitbild-vielfalt", "fuehrung-und-verantwortung",
            "personalgewinnung-vielfalt", "interkulturelle-kompetenz-fortbildung", "kundenorientierung-verwaltung",
            "mehrsprachigkeit-sprachmittlung", "leichte-sprache", "antidiskriminierung-agg", "beschwerdemanagement",
            "charta-der-vielfalt", "evaluation-wirkung", "widerstaende-im-prozess", "kosten-und-foerderung",
            "ikoe-unternehmen", "ikoe-vereine", "ikoe-bildung", "ikoe-gesundheit-pflege", "anerkennung-abschluesse",
            "religioese-vielfalt-arbeitsplatz", "rassismuskritik-vorurteile", "glossar", "bot-hilfe",
            "datenschutz-chatbot", "angebote-finden", "migrantenorganisationen", "integrationsbeauftragte",
            "dolmetschkosten", "gefluechtete-ehrenamt", "verein-mitglieder-oeffnen");
    static final List<String> ENGLISH_TOPICS = List.of("ueber-uns", "aufgabe-prozessbegleitung",
            "kontakt-beratung-anfragen", "was-ist-ikoe", "vielfaltsmanagement", "ikoe-prozess-schritte", "bot-hilfe",
            "datenschutz-chatbot", "migrantenorganisationen", "integrationsbeauftragte", "dolmetschkosten",
            "gefluechtete-ehrenamt", "verein-mitglieder-oeffnen");
    /**
     * The day the events calendar was last brought up to date. The checks of dates run on this day,
     * not on the wall clock, so that the build does not break by itself once the shipped dates have
     * passed; whoever adds new dates moves it forward.
     */
    static final Clock CALENDAR_REVIEWED = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneId.of("Europe/Berlin"));
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");

    private static KnowledgeBaseLoader.Loaded loaded;

    @BeforeAll
    static void load() {
        loaded = new KnowledgeBaseLoader().load(SHIPPED);
    }

    private static List<KnowledgeDocument> of(Kind kind) {
        return loaded.documents().stream().filter(d -> d.kind() == kind).toList();
    }

    @Test
    void everyShippedFileIsValid() {
        assertThat(loaded.problems()).map(Problem::toString).isEmpty();
        try (IndexSnapshot snapshot = IndexSnapshot.build(loaded, CALENDAR_REVIEWED.instant())) {
            assertThat(snapshot.problems()).as("synonyms.txt").map(Problem::toString).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void everyTopicExistsInGermanAndTheAgreedOnesInEnglish() {
        Set<String> german = Set.copyOf(of(Kind.GUIDANCE).stream().filter(d -> d.lang().equals("de"))
                .map(KnowledgeDocument::id).toList());
        Set<String> english = Set.copyOf(of(Kind.GUIDANCE).stream().filter(d -> d.lang().equals("en"))
                .map(KnowledgeDocument::id).toList());
        assertThat(german).containsAll(TOPICS);
        assertThat(english).containsAll(ENGLISH_TOPICS);
    }

    @Test
    void everyGermanTopicHasAnEnglishVersion() {
        List<String> english = of(Kind.GUIDANCE).stream().filter(d -> d.lang().equals("en"))
                .map(KnowledgeDocument::id).toList();
        assertThat(of(Kind.GUIDANCE)).filteredOn(d -> d.lang().equals("de")).extracting(KnowledgeDocument::id)
                .as("German topics without an English version").allMatch(english::contains);
    }

    @Test
    void guidanceTextsHaveTheAgreedShape() {
        assertThat(of(Kind.GUIDANCE)).allSatisfy(d -> {
            int words = d.bodyText().split("\\s+").length;
            assertThat(words).as("words in %s.%s", d.id(), d.lang()).isBetween(150, 600);
            long sentences = SENTENCE_END.matcher(d.summary().strip()).results().count();
            assertThat(sentences).as("sentences in the summary of %s.%s", d.id(), d.lang()).isBetween(2L, 3L);
            assertThat(d.questions()).as("questions of %s.%s", d.id(), d.lang()).hasSizeGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void offersCoverEveryTargetGroupFormatAndTheAgreedPlaces() {
        List<KnowledgeDocument> offers = of(Kind.OFFER);
        assertThat(offers).hasSizeGreaterThanOrEqualTo(45);
        for (String group : Vocabulary.ids(loaded.vocabulary().targetGroups())) {
            assertThat(offers).filteredOn(o -> o.targetGroups().contains(group)).as("offers for %s", group)
                    .hasSizeGreaterThanOrEqualTo(3);
        }
        for (String format : Vocabulary.ids(loaded.vocabulary().formats())) {
            assertThat(offers).filteredOn(o -> o.formats().contains(format)).as("offers as %s", format)
                    .hasSizeGreaterThanOrEqualTo(2);
        }
        for (String place : List.of("erfurt", "jena", "weimar", "gera", "suhl", "gotha", "nordhausen", "wartburgkreis",
                "ilm-kreis", "saalfeld-rudolstadt", "unstrut-hainich-kreis")) {
            assertThat(offers).filteredOn(o -> o.regions().contains(place)).as("local offers in %s", place).isNotEmpty();
        }
        assertThat(offers).filteredOn(o -> o.regions().contains("thueringenweit")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(offers).filteredOn(o -> o.regions().contains("online")).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void offersOfOtherProvidersAreMarkedExamplesWithExampleAddresses() {
        assertThat(of(Kind.OFFER)).filteredOn(o -> !o.provider().contains("ThüZIKÖ")).allSatisfy(o -> {
            assertThat(o.example()).as("%s is an example", o.id()).isTrue();
            assertThat(o.contact()).as("contact of %s", o.id()).contains("example.org");
        });
    }

    @Test
    void theCentresOwnServicesAreOffers() {
        List<String> own = of(Kind.OFFER).stream().filter(o -> o.provider().contains("ThüZIKÖ"))
                .flatMap(o -> o.formats().stream()).toList();
        assertThat(own).contains("beratung", "prozessbegleitung", "vernetzung", "veranstaltung");
        assertThat(of(Kind.OFFER)).anySatisfy(o -> assertThat(o.title()).contains("VielFalter"));
    }

    @Test
    void eventsAreBothPastAndUpcoming() {
        OffsetDateTime now = OffsetDateTime.now(CALENDAR_REVIEWED);
        List<KnowledgeDocument> events = of(Kind.EVENT);
        assertThat(events).hasSizeGreaterThanOrEqualTo(6);
        assertThat(events).anySatisfy(e -> assertThat(e.start()).isBefore(now));
        assertThat(events).as("upcoming events: the calendar needs new dates").anySatisfy(e -> assertThat(e.start()).isAfter(now));
    }
}
