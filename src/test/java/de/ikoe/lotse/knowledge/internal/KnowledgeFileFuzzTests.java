package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.fuzz.FuzzTries;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes knowledge-base files: random and broken front matter, huge values, binary junk. Whatever
 * a file holds, the load finishes, the good file beside it still loads, and a file that does not
 * load is reported with its name, a line inside it and a field.
 */
@AddLifecycleHook(FuzzTries.class)
class KnowledgeFileFuzzTests {

    private static final List<String> KEYS = List.of("id", "lang", "kind", "title", "summary", "questions", "tags",
            "related", "example", "provider", "regions", "targetGroups", "formats", "languages", "cost", "contact",
            "start", "end", "registration", "unbekannt", "", "ID", "tags ", "<<", "? a", "- x");

    /** A file's content: the kinds of thing an editor or a broken tool may leave. */
    @Provide
    Arbitrary<byte[]> files() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.of("thema", "de", "en", "guidance", "true", "false", "Ein Titel", "[eins, zwei]",
                        "\n  - Frage eins?\n  - Frage zwei?\n  - Frage drei?\n  - Frage vier?", "{a: b}", "[[a]]",
                        "[a, {b: c}]", "2027-03-18T17:00:00+01:00", "2027-02-30T25:00", "https://example.org", "''",
                        "\"\\u0000\"", "&anker wert", "*anker", "!!binary AAAA", "!!python/object:os.system x",
                        "!!java.io.File /etc/passwd", "|\n  Block\n  Text", ">\n  gefaltet", "'offen", "\"offen",
                        "\t tab", "%YAML 1.2", "{", "[", "]", ": :", "- - -", "null", "~", "0x1F", ".inf",
                        "[erfurt, jena, nirgendwo]", "[\u202e, \ud83d\ude00]", "\u0000", "\ufeff", "---", "..."),
                Arbitraries.strings().ofMaxLength(20),
                Arbitraries.of("x", "ä", "[a, ", "😀").flatMap(piece -> Arbitraries.integers().between(1000, 200_000)
                        .map(n -> piece.repeat(n / piece.length()))));
        Arbitrary<String> line = Combinators.combine(Arbitraries.of(KEYS), value).as((k, v) -> k + ": " + v);
        Arbitrary<String> frontMatter = Arbitraries.oneOf(line, Arbitraries.strings().ofMaxLength(30),
                        Arbitraries.of("  - eingerückt", "\t- tab", "- liste", "anker: &a [x]", "alias: *a", "<<: *a",
                                "x: &b {y: *b}", "? komplex\n: wert"))
                .list().ofMaxSize(16)
                .map(lines -> String.join("\n", lines));
        Arbitrary<String> document = Combinators.combine(Arbitraries.of("---\n", "", "\ufeff---\n", "--- \n", "---\r\n"),
                        frontMatter, Arbitraries.of("\n---\n", "\n", "\n--- \n", "\n---\n---\n"),
                        Arbitraries.of("Text.", "", "> ".repeat(5000) + "tief", "[x](javascript:alert(1))",
                                "<script>alert(1)</script>", "*".repeat(20_000), "# Titel\n\n- a\n  - b"))
                .as((open, fm, close, body) -> open + fm + close + body);
        return Arbitraries.frequencyOf(
                Tuple.of(8, document.map(s -> s.getBytes(StandardCharsets.UTF_8))),
                Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(300)),
                Tuple.of(1, document.map(s -> {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    if (bytes.length > 8) {
                        bytes[bytes.length / 2] = (byte) 0xff;
                    }
                    return bytes;
                })));
    }

    /** Found by the fuzzer: a NUL in the front matter stopped the whole load with a ReaderException. */
    @Example
    void aControlCharacterInTheFrontMatterIsReportedWithItsLine() throws IOException {
        Path root = Files.createTempDirectory("kb-fuzz");
        Files.createDirectories(root.resolve("guidance"));
        Files.writeString(root.resolve("guidance/gut.de.md"), KnowledgeBaseLoaderTests.guidance("gut", "de", ""));
        Files.writeString(root.resolve("guidance/thema.de.md"), "---\ntitle: x\nid: \u0000\n---\nText.");
        KnowledgeBaseLoader.Loaded loaded = new KnowledgeBaseLoader().load(root);
        assertThat(loaded.documents()).extracting(d -> d.id()).containsExactly("gut");
        assertThat(loaded.problems()).extracting(Problem::toString)
                .containsExactly("guidance/thema.de.md:3: -: front matter contains a character YAML does not allow (U+0000)");
    }

    @Provide
    Arbitrary<String> folders() {
        return Arbitraries.of("guidance", "offers", "events");
    }

    @Property(tries = 150)
    void aBrokenFileIsReportedAndTheRestStillLoads(@ForAll("files") byte[] content, @ForAll("folders") String folder)
            throws IOException {
        Path root = Files.createTempDirectory("kb-fuzz");
        try {
            Files.createDirectories(root.resolve("guidance"));
            Files.writeString(root.resolve("guidance/gut.de.md"), KnowledgeBaseLoaderTests.guidance("gut", "de", ""));
            Path broken = root.resolve(folder).resolve("thema.de.md");
            Files.createDirectories(broken.getParent());
            Files.write(broken, content);
            long lines = new String(content, StandardCharsets.UTF_8).lines().count();

            KnowledgeBaseLoader.Loaded loaded = new KnowledgeBaseLoader().load(root);

            assertThat(loaded.documents()).as("the good file beside it").anySatisfy(d -> assertThat(d.id()).isEqualTo("gut"));
            assertThat(loaded.problems()).as("problems of the good file").noneSatisfy(p ->
                    assertThat(p.file()).isEqualTo("guidance/gut.de.md"));
            boolean loadedBroken = loaded.documents().stream().anyMatch(d -> d.file().equals(broken));
            if (!loadedBroken) {
                assertThat(loaded.problems()).as("a file that does not load is reported").isNotEmpty();
            }
            for (Problem problem : loaded.problems()) {
                assertThat(problem.file()).isEqualTo(folder + "/thema.de.md");
                assertThat(problem.line()).as("line of %s", problem).isBetween(1, (int) Math.max(1, lines + 1));
                assertThat(problem.field()).as("field of %s", problem).isNotBlank();
                assertThat(problem.message()).as("message of %s", problem).isNotBlank();
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
