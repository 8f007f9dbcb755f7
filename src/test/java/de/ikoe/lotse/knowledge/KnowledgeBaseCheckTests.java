package de.ikoe.lotse.knowledge;

import de.ikoe.lotse.support.TestKnowledgeBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The editors' command line check: one line per problem, exit code 0 or 1. */
class KnowledgeBaseCheckTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int check(Path folder) {
        return KnowledgeBaseCheck.run(folder, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void theShippedFolderIsValid() {
        assertThat(check(Path.of("knowledge-base"))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("is valid");
    }

    @Test
    void theTestsOwnFolderIsValid() {
        assertThat(check(Path.of(TestKnowledgeBase.DIR))).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void aBrokenFolderPrintsOneLinePerProblemAndExitsWithOne(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("offers"));
        Files.writeString(root.resolve("offers/a.md"), "---\nid: a\nlang: fr\n---\n");
        Files.writeString(root.resolve("offers/b.md"), "kein Front Matter\n");
        assertThat(check(root)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).startsWith("offers/a.md:1: title: missing"))
                .anySatisfy(line -> assertThat(line).startsWith("offers/b.md:1: -: the file must start"))
                .last().asString().contains("problem(s)");
    }
}
