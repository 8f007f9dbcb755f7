package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import de.ikoe.lotse.knowledge.KnowledgeReloaded;
import de.ikoe.lotse.knowledge.SearchQuery;
import de.ikoe.lotse.knowledge.SearchResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Editing the folder changes the answers without a restart, and a broken edit breaks nothing else. */
class KnowledgeReloadTests {

    @TempDir
    Path root;

    private final List<Object> events = new CopyOnWriteArrayList<>();
    private KnowledgeIndex index;
    private LuceneKnowledgeSearch search;

    @BeforeEach
    void start() throws IOException {
        write("guidance/thema.de.md", KnowledgeBaseLoaderTests.guidance("thema", "de", "")
                .replace("Ein Thema", "Interkulturelle Öffnung im Sportverein"));
        Clock clock = Clock.systemUTC();
        index = new KnowledgeIndex(new KnowledgeProperties(root, true, Duration.ofMillis(100)), clock, events::add);
        search = new LuceneKnowledgeSearch(index, clock);
        index.start();
    }

    @AfterEach
    void stop() throws IOException {
        index.stop();
        index.snapshot().close();
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private List<String> idsFor(String text) {
        return search.search(new SearchQuery(text, "de")).guidance().stream().map(h -> h.document().id()).toList();
    }

    @Test
    void aNewFileIsSearchableWithoutRestart() throws IOException {
        assertThat(idsFor("Kochkurs Kantine")).doesNotContain("kantine");
        write("guidance/kantine.de.md", KnowledgeBaseLoaderTests.guidance("kantine", "de", "")
                .replace("Ein Thema", "Kochkurs für die Kantine"));
        await().atMost(Duration.ofSeconds(20)).until(() -> idsFor("Kochkurs Kantine").contains("kantine"));
        assertThat(events).last().isInstanceOf(KnowledgeReloaded.class);
        assertThat(((KnowledgeReloaded) events.get(events.size() - 1)).documents()).isEqualTo(2);
    }

    @Test
    void aBrokenEditIsReportedAndTheOtherDocumentsStay() throws IOException {
        write("guidance/kaputt.de.md", "---\nid: kaputt\n---\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> !events.isEmpty());
        KnowledgeReloaded reloaded = (KnowledgeReloaded) events.get(events.size() - 1);
        assertThat(reloaded.problems()).anySatisfy(p -> assertThat(p).startsWith("guidance/kaputt.de.md:"));
        assertThat(idsFor("Sportverein")).containsExactly("thema");
    }

    @Test
    void oneMoreExampleLineChangesHowANewPhrasingIsClassifiedWithoutRestart() throws IOException {
        write("intents/question.de.txt", "# Fragen\nWas ist interkulturelle Öffnung?\nWo ist das Leitbild des Vereins?\n"
                + "Was kostet eine Fortbildung?\nWer hilft bei einem Leitbild?\nWo gibt es Material zur Vielfalt?\n");
        write("intents/handoff.de.txt", "Ich möchte mit einer Beraterin sprechen\nVerbinden Sie mich mit einem Menschen\n"
                + "Kann mich jemand zurückrufen?\n");
        String phrasing = "Wo ist Frau Sommer aus dem Büro?";
        await().atMost(Duration.ofSeconds(20)).until(() -> "handoff".equals(search.intent("Verbinden Sie mich").best()));
        assertThat(search.intent(phrasing).best()).isEqualTo("question");

        Files.writeString(root.resolve("intents/handoff.de.txt"), "Frau Sommer aus dem Büro möchte ich sprechen\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        await().atMost(Duration.ofSeconds(20)).until(() -> "handoff".equals(search.intent(phrasing).best()));
    }

    @Test
    void aBrokenExampleLineIsReportedWithFileAndLineAndTheOthersStay() throws IOException {
        write("intents/handoff.de.txt", "Ich möchte mit einer Beraterin sprechen\n???\nVerbinden Sie mich bitte\n");
        write("intents/question.de.txt", "Was ist interkulturelle Öffnung?\nWas kostet eine Fortbildung?\n");
        write("intents/wetter.de.txt", "Wie wird das Wetter?\n");
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e instanceof KnowledgeReloaded r
                && r.problems().stream().anyMatch(p -> p.startsWith("intents/wetter.de.txt:1:"))));
        KnowledgeReloaded reloaded = (KnowledgeReloaded) events.get(events.size() - 1);
        assertThat(reloaded.problems()).anySatisfy(p -> assertThat(p).startsWith("intents/handoff.de.txt:2: example:"));
        assertThat(search.intent("Verbinden Sie mich bitte mit einer Beraterin").best()).isEqualTo("handoff");
    }

    @Test
    void aTownAddedToTheVocabularyIsUnderstoodWithoutRestart() throws IOException {
        String vocabulary = Files.readString(ShippedKnowledgeBaseTests.SHIPPED.resolve(Vocabulary.FILE));
        write(Vocabulary.FILE, vocabulary);
        write("offers/gotha.md", KnowledgeBaseLoaderTests.offer("fortbildung-gotha", "[gotha]"));
        write("offers/jena.md", KnowledgeBaseLoaderTests.offer("fortbildung-jena", "[jena]"));
        String question = "Gibt es eine Fortbildung für die Verwaltung in Tambach-Dietharz?";
        await().atMost(Duration.ofSeconds(20)).until(() -> offersFor(question).size() == 2);
        assertThat(search.understand(question).region()).as("a town the vocabulary does not know yet").isNull();

        write(Vocabulary.FILE, vocabulary.replace("towns: [Waltershausen,", "towns: [Tambach-Dietharz, Waltershausen,"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "gotha".equals(search.understand(question).region()));
        SearchResult result = search.search(new SearchQuery(question, "de"));
        assertThat(result.filters().region()).isEqualTo("gotha");
        assertThat(result.offers()).extracting(KnowledgeDocument::id).containsExactly("fortbildung-gotha");
    }

    @Test
    void aBrokenVocabularyIsReportedWithFileAndLineAndTheLastGoodOneStays() throws IOException {
        String vocabulary = Files.readString(ShippedKnowledgeBaseTests.SHIPPED.resolve(Vocabulary.FILE))
                .replace("towns: [Waltershausen,", "towns: [Tambach-Dietharz, Waltershausen,");
        write(Vocabulary.FILE, vocabulary);
        String question = "Fortbildungen in Tambach-Dietharz";
        await().atMost(Duration.ofSeconds(20)).until(() -> "gotha".equals(search.understand(question).region()));

        List<String> lines = vocabulary.lines().toList();
        int gotha = lines.indexOf("  - id: gotha") + 1;
        write(Vocabulary.FILE, vocabulary.replace("  - id: gotha\n    de: Gotha\n", "  - id: gotha\n"));
        await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().anyMatch(e -> e instanceof KnowledgeReloaded r
                && r.problems().contains("vocabulary.yml:" + gotha + ": de: missing (every entry has id, de and en)")));
        assertThat(search.understand(question).region()).as("the last good vocabulary").isEqualTo("gotha");
        write("offers/angebot.md", KnowledgeBaseLoaderTests.offer("fortbildung-gotha", "[gotha]"));
        await().atMost(Duration.ofSeconds(20)).until(() -> offersFor(question).contains("fortbildung-gotha"));
    }

    private List<String> offersFor(String text) {
        return search.search(new SearchQuery(text, "de")).offers().stream().map(KnowledgeDocument::id).toList();
    }

    @Test
    void aDeletedFileDisappears() throws IOException {
        assertThat(idsFor("Sportverein")).containsExactly("thema");
        Files.delete(root.resolve("guidance/thema.de.md"));
        await().atMost(Duration.ofSeconds(20)).until(() -> idsFor("Sportverein").isEmpty());
    }

    @Test
    void searchesDuringReloadsAlwaysSeeACompleteIndex() throws Exception {
        for (int i = 0; i < 20; i++) {
            write("guidance/zusatz" + i + ".de.md", KnowledgeBaseLoaderTests.guidance("zusatz" + i, "de", ""));
        }
        int reloads = 30;
        AtomicInteger reloaded = new AtomicInteger();
        CountDownLatch searching = new CountDownLatch(1);
        Thread reloader = new Thread(() -> {
            try {
                searching.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < reloads; i++) {
                index.reload();
                reloaded.incrementAndGet();
            }
        });
        reloader.start();
        int searchesWhileReloading = 0;
        do {
            searching.countDown();
            assertThat(idsFor("Sportverein")).contains("thema");
            if (reloaded.get() < reloads) {
                searchesWhileReloading++;
            }
        } while (reloader.isAlive());
        reloader.join();
        assertThat(reloaded).hasValue(reloads);
        assertThat(events).as("each rebuild, and one the watcher may add for the new files").hasSizeGreaterThanOrEqualTo(reloads);
        assertThat(searchesWhileReloading).as("searches made while the index was being rebuilt").isPositive();
    }
}
