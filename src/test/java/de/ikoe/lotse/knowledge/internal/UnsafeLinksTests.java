package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.KnowledgeDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A link in a knowledge file leads only where a reader can safely go: {@code javascript:},
 * {@code data:} and {@code vbscript:} addresses, however spelled, never reach the HTML that
 * {@code /api/knowledge/{id}} and {@code /knowledge/{id}} deliver.
 */
class UnsafeLinksTests {

    @TempDir
    Path root;

    @Test
    void scriptAndDataAddressesAreDroppedAndOrdinaryLinksStay() throws IOException {
        String body = """
                [Klick](javascript:alert(document.cookie)) und [Gross](JaVaScRiPt:alert(1)) und
                [Kodiert](javascript&colon;alert(1)) und [Entität](&#106;avascript:alert(1)) und
                [Daten](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) und [VB](vbscript:msgbox(1)) und
                <javascript:alert(2)> und ![Bild](javascript:alert(3)) und ![Pixel](data:image/svg+xml,<svg/onload=alert(4)>)
                und [Leerzeichen]( javascript:alert(5)) und <a href="javascript:alert(6)">roh</a>.

                Gut: [Zentrum](https://www.example.org/zentrum), [Mail](mailto:info@example.org),
                [Telefon](tel:+493611234567) und [Thema](/knowledge/was-ist-ikoe).
                """;
        Path file = root.resolve("guidance/links.de.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, KnowledgeBaseLoaderTests.guidance("links", "de", "").replace("Text des Themas.\n", body),
                StandardCharsets.UTF_8);

        KnowledgeBaseLoader.Loaded loaded = new KnowledgeBaseLoader().load(root);
        assertThat(loaded.problems()).isEmpty();
        String html = loaded.documents().stream().filter(d -> d.id().equals("links")).findFirst()
                .map(KnowledgeDocument::bodyHtml).orElseThrow();

        assertThat(html.toLowerCase()).doesNotContain("href=\"javascript", "href=\"data", "href=\"vbscript",
                "src=\"javascript", "src=\"data", "href=\"&#106;", "<a href=\"javascript:alert(6)\">");
        assertThat(html).contains("href=\"https://www.example.org/zentrum\"", "href=\"mailto:info@example.org\"",
                "href=\"tel:+493611234567\"", "href=\"/knowledge/was-ist-ikoe\"");
        // raw HTML is shown as text, never as a tag
        assertThat(html).contains("&lt;a href=");
    }
}
