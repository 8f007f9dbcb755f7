package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken files are reported with file, line and field, and the rest still loads. */
class KnowledgeBaseLoaderTests {

    @TempDir
    Path root;

    private final KnowledgeBaseLoader loader = new KnowledgeBaseLoader();

    static String guidance(String id, String lang, String extra) {
        return """
                ---
                id: %s
                lang: %s
                title: Ein Thema
                summary: Ein Satz. Noch ein Satz.
                questions:
                  - Frage eins?
                  - Frage zwei?
                  - Frage drei?
                  - Frage vier?
                tags: [eins, zwei]
                %s---
                Text des Themas.
                """.formatted(id, lang, extra);
    }

    static String offer(String id, String regions) {
        return """
                ---
                id: %s
                lang: de
                example: true
                title: Ein Angebot
                summary: Ein Satz. Noch ein Satz.
                provider: Bildungswerk Musterstadt (Beispiel)
                regions: %s
                targetGroups: [verwaltung]
                formats: [fortbildung]
                languages: [de]
                cost: kostenfrei
                contact: https://example.org/angebot
                questions: [Gibt es das, Wo gibt es das]
                tags: [Fortbildung]
                ---
                Text.
                """.formatted(id, regions);
    }

    private void write(String name, String content) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private KnowledgeBaseLoader.Loaded load() {
        return loader.load(root);
    }

    private static List<String> lines(KnowledgeBaseLoader.Loaded loaded) {
        return loaded.problems().stream().map(Problem::toString).toList();
    }

    @Test
    void aValidFolderLoadsEveryDocumentWithoutProblems() throws IOException {
        write("guidance/thema.de.md", guidance("thema", "de", ""));
        write("guidance/thema.en.md", guidance("thema", "en", ""));
        write("offers/angebot.md", offer("angebot", "[jena]"));
        KnowledgeBaseLoader.Loaded loaded = load();
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.documents()).extracting(KnowledgeDocument::key)
                .containsExactlyInAnyOrder("thema|de", "thema|en", "angebot|de");
        assertThat(loaded.documents()).filteredOn(d -> d.id().equals("angebot")).singleElement()
                .satisfies(d -> assertThat(d.example()).isTrue());
    }

    @Test
    void aMissingFieldIsNamedAndOnlyThatFileIsLeftOut() throws IOException {
        write("guidance/gut.de.md", guidance("gut", "de", ""));
        write("guidance/kaputt.de.md", guidance("kaputt", "de", "").replace("title: Ein Thema\n", ""));
        KnowledgeBaseLoader.Loaded loaded = load();
        assertThat(lines(loaded)).containsExactly("guidance/kaputt.de.md:1: title: missing (required for a guidance)");
        assertThat(loaded.documents()).extracting(KnowledgeDocument::id).containsExactly("gut");
    }

    @Test
    void anUnknownVocabularyValueIsReportedAtItsLine() throws IOException {
        write("offers/angebot.md", offer("angebot", "\n  - jena\n  - berlin"));
        assertThat(lines(load())).singleElement().asString()
                .startsWith("offers/angebot.md:10: regions: unknown value 'berlin'");
    }

    @Test
    void aDuplicateIdIsReportedOnTheSecondFile() throws IOException {
        write("offers/a.md", offer("gleich", "[jena]"));
        write("offers/b.md", offer("gleich", "[gera]"));
        KnowledgeBaseLoader.Loaded loaded = load();
        assertThat(lines(loaded)).containsExactly("offers/b.md:2: id: 'gleich' (de) is already used by offers/a.md");
        assertThat(loaded.documents()).singleElement().satisfies(d -> assertThat(d.regions()).containsExactly("jena"));
    }

    @Test
    void aTopicMayNameAWayOfContactALinkAnEmailAddressOrAPhoneNumber() throws IOException {
        write("guidance/web.de.md", guidance("web", "de", "contact: https://example.org/kontakt\n"));
        write("guidance/mail.de.md", guidance("mail", "de", "contact: beratung@example.org\n"));
        write("guidance/phone.de.md", guidance("phone", "de", "contact: +49 3641 123456\n"));
        write("guidance/word.de.md", guidance("word", "de", "contact: die Website des Zentrums\n"));
        KnowledgeBaseLoader.Loaded loaded = load();
        assertThat(lines(loaded)).containsExactly(
                "guidance/word.de.md:12: contact: must be a URL (https://...), an e-mail address or a phone number");
        assertThat(loaded.documents()).extracting(KnowledgeDocument::contact)
                .containsExactlyInAnyOrder("https://example.org/kontakt", "beratung@example.org", "+49 3641 123456");
    }

    @Test
    void aBrokenRelatedLinkIsReported() throws IOException {
        write("guidance/thema.de.md", guidance("thema", "de", "related:\n  - thema\n  - fehlt\n"));
        assertThat(lines(load())).containsExactly(
                "guidance/thema.de.md:14: related: no guidance topic has the id 'fehlt'");
    }

    @Test
    void aGermanOfferMayGiveEnglishValuesOfItsFieldsAndAnEnglishOneNeedsNone() throws IOException {
        write("offers/angebot.md", offer("angebot", "[jena]").replace("cost: kostenfrei\n",
                "cost: kostenfrei\ncostEn: free of charge\ntitleEn: An offer\n"));
        write("offers/offer.md", offer("offer", "[jena]").replace("lang: de", "lang: en")
                .replace("cost: kostenfrei\n", "cost: free\ncostEn: free of charge\n"));
        KnowledgeBaseLoader.Loaded loaded = load();
        assertThat(loaded.documents()).singleElement().satisfies(d -> {
            assertThat(d.title("en")).isEqualTo("An offer");
            assertThat(d.cost("en")).isEqualTo("free of charge");
            assertThat(d.title("de")).isEqualTo("Ein Angebot");
            assertThat(d.cost("de")).isEqualTo("kostenfrei");
            assertThat(d.registration("en")).isNull();
        });
        assertThat(lines(loaded)).singleElement().asString()
                .isEqualTo("offers/offer.md:13: costEn: only a German entry needs an English cost");
    }

    @Test
    void aBadDateIsReported() throws IOException {
        write("events/termin.md", """
                ---
                id: termin
                lang: de
                title: Ein Termin
                summary: Ein Satz. Noch ein Satz.
                start: 2027-13-40T17:00
                end: "2027-03-18T19:00:00+01:00"
                regions: [erfurt]
                formats: [vernetzung]
                registration: per E-Mail an termin@example.org
                questions: [Wann ist das, Wo ist das]
                tags: [Termin]
                ---
                Text.
                """);
        assertThat(lines(load())).singleElement().asString()
                .startsWith("events/termin.md:6: start: '2027-13-40T17:00' is not a date-time");
    }

    @Test
    void brokenYamlIsReportedWithItsLine() throws IOException {
        write("guidance/thema.de.md", guidance("thema", "de", "").replace("tags: [eins, zwei]", "tags: [eins, zwei"));
        assertThat(lines(load())).singleElement().asString()
                .startsWith("guidance/thema.de.md:").contains("front matter is not valid YAML");
    }

    @Test
    void aFileWithoutFrontMatterIsReported() throws IOException {
        write("guidance/thema.de.md", "# Nur Text\n");
        assertThat(lines(load())).containsExactly(
                "guidance/thema.de.md:1: -: the file must start with a '---' line opening the front matter");
    }

    @Test
    void anUnknownFieldIsReportedSoThatTyposShow() throws IOException {
        write("guidance/thema.de.md", guidance("thema", "de", "tag: vertippt\n"));
        assertThat(lines(load())).containsExactly(
                "guidance/thema.de.md:12: tag: unknown field for a guidance (allowed: contact, example, id, kind, lang, "
                        + "questions, related, summary, tags, title)");
    }

    @Test
    void aGuidanceFileMustBeNamedAfterItsIdAndLanguage() throws IOException {
        write("guidance/falsch.de.md", guidance("thema", "de", ""));
        assertThat(lines(load())).containsExactly(
                "guidance/falsch.de.md:2: id: a guidance file must be named <id>.<lang>.md, here thema.de.md");
    }

    @Test
    void aFileThatIsNotUtf8IsReported() throws IOException {
        Files.createDirectories(root.resolve("guidance"));
        Files.write(root.resolve("guidance/thema.de.md"), guidance("thema", "de", "").getBytes(StandardCharsets.ISO_8859_1));
        write("guidance/x.de.md", guidance("x", "de", "").replace("Ein Thema", "Öffnung"));
        Files.write(root.resolve("guidance/x.de.md"), Files.readString(root.resolve("guidance/x.de.md"))
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(lines(load())).containsExactly("guidance/x.de.md:1: -: the file is not UTF-8 text");
    }
}
