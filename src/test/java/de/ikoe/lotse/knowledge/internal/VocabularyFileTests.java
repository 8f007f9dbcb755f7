package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.QueryFilters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The editors' vocabulary file: what its words find in a question, and every mistake reported
 * with its line while the last good vocabulary stays in use.
 */
class VocabularyFileTests {

    /** A small vocabulary in the shipped file's form; line numbers below refer to it. */
    static final String SMALL = """
            regions:
              - id: gotha
                de: Gotha
                en: Gotha
                words: [Gotha*]
                towns: [Waltershausen, Bad Tabarz]
              - id: weimarer-land
                de: Weimarer Land
                en: Weimarer Land
                words: [Weimarer Land]
              - id: weimar
                de: Weimar
                en: Weimar
                words: [Weimar, Weimarer]
              - id: thueringenweit
                de: thüringenweit
                en: throughout Thuringia
              - id: online
                de: online
                en: online
            targetGroups:
              - id: bildung
                de: Bildung
                en: Education
                words: ["*schule*", schul*]
                except: [Schulung*]
              - id: unternehmen
                de: Unternehmen
                en: Company
                words: ["*betrieb*"]
              - id: alle
                de: alle
                en: everyone
            formats:
              - id: fortbildung
                de: Fortbildung
                en: Training
                words: [Schulung*]
            """;

    @TempDir
    Path root;

    private static List<String> problems(String text) {
        List<Problem> problems = new ArrayList<>();
        assertThat(VocabularyFile.parse(Vocabulary.FILE, text, problems)).as("an invalid file gives no vocabulary")
                .isNull();
        return problems.stream().map(Problem::toString).toList();
    }

    private static QueryFilters understand(String vocabulary, String text) {
        List<Problem> problems = new ArrayList<>();
        Vocabulary parsed = VocabularyFile.parse(Vocabulary.FILE, vocabulary, problems);
        assertThat(problems).isEmpty();
        return new QueryUnderstanding(parsed).understand(text).filters();
    }

    @Test
    void townsSpellingsAndWildcardsNameTheirEntry() {
        assertThat(understand(SMALL, "Gibt es etwas in Bad Tabarz?").region()).isEqualTo("gotha");
        assertThat(understand(SMALL, "Gibt es etwas in Bad-Tabarz?").region()).as("hyphen for space").isEqualTo("gotha");
        assertThat(understand(SMALL, "Gothaer Vereine").region()).as("Gotha*").isEqualTo("gotha");
        assertThat(understand(SMALL, "Projekte im Weimarer Land").region()).as("the longer name wins")
                .isEqualTo("weimarer-land");
        assertThat(understand(SMALL, "Weimarer Schulen").region()).isEqualTo("weimar");
        assertThat(understand(SMALL, "Gibt es etwas in Waltershausens Nähe?").region()).as("no * after Waltershausen")
                .isNull();
    }

    @Test
    void exceptionsAndTheOrderDecideBetweenEntries() {
        QueryFilters training = understand(SMALL, "Schulung für Lehrkräfte");
        assertThat(training.targetGroup()).as("a Schulung is no school").isNull();
        assertThat(training.format()).isEqualTo("fortbildung");
        assertThat(understand(SMALL, "Schulbetrieb").targetGroup()).as("bildung is listed first").isEqualTo("bildung");
        assertThat(understand(SMALL, "Handwerksbetrieb").targetGroup()).isEqualTo("unternehmen");
    }

    @Test
    void theShippedFileIsValidAndBuiltIn() throws IOException {
        List<Problem> problems = new ArrayList<>();
        Vocabulary shipped = VocabularyFile.parse(Vocabulary.FILE,
                Files.readString(ShippedKnowledgeBaseTests.SHIPPED.resolve(Vocabulary.FILE)), problems);
        assertThat(problems).isEmpty();
        assertThat(Vocabulary.shipped()).as("the copy built into the service").isEqualTo(shipped);
    }

    @Test
    void aFolderWithoutTheFileUsesTheBuiltInVocabulary() {
        List<Problem> problems = new ArrayList<>();
        assertThat(VocabularyFile.load(root, null, problems)).isSameAs(Vocabulary.shipped());
        assertThat(problems).isEmpty();
    }

    @Test
    void aBrokenFileIsReportedAndTheLastGoodVocabularyStays() throws IOException {
        Vocabulary lastGood = VocabularyFile.parse(Vocabulary.FILE, SMALL, new ArrayList<>());
        Files.writeString(root.resolve(Vocabulary.FILE), SMALL.replace("    de: Gotha\n", ""), StandardCharsets.UTF_8);
        List<Problem> problems = new ArrayList<>();
        assertThat(VocabularyFile.load(root, lastGood, problems)).isSameAs(lastGood);
        assertThat(problems).map(Problem::toString)
                .containsExactly("vocabulary.yml:2: de: missing (every entry has id, de and en)");
    }

    @Test
    void mistakesInEntriesAreReportedAtTheirLines() {
        assertThat(problems(SMALL.replace("towns: [Waltershausen, Bad Tabarz]", "towns: [Waltershausen, Weimar]")))
                .containsExactly("vocabulary.yml:14: words: 'Weimar' is given twice, here and for 'gotha': "
                        + "a word names one entry only");
        assertThat(problems(SMALL.replace("    towns:", "    town:"))).containsExactly(
                "vocabulary.yml:6: town: unknown field for an entry of regions (allowed: de, en, id, towns, words)");
        assertThat(problems(SMALL.replace("id: weimar\n", "id: gotha\n")))
                .containsExactly("vocabulary.yml:11: id: 'gotha' is already the id of the entry at line 2");
        assertThat(problems(SMALL.replace("id: weimarer-land", "id: Weimarer Land")))
                .containsExactly("vocabulary.yml:7: id: must be a lower-case slug of a-z, 0-9 and '-', e.g. saale-orla-kreis");
        assertThat(problems(SMALL.replace("words: [Gotha*]", "words: [\"*\"]")))
                .containsExactly("vocabulary.yml:5: words: each item must be a word or a few words, not '*'");
    }

    @Test
    void aWordStartingWithAStarMustBeQuotedAndTheHintSaysSo() {
        assertThat(problems(SMALL.replace("[\"*betrieb*\"]", "[*betrieb*]"))).singleElement().asString()
                .startsWith("vocabulary.yml:30: -: the file is not valid YAML")
                .contains("must be in quotes");
    }

    @Test
    void theEntriesTheBotReliesOnMustStay() {
        assertThat(problems(SMALL.replace("id: online", "id: digital"))).containsExactly(
                "vocabulary.yml:1: regions: needs the entry 'online': the bot relies on it");
        assertThat(problems(SMALL.substring(0, SMALL.indexOf("formats:")))).containsExactly(
                "vocabulary.yml:1: formats: the section is missing");
    }
}
