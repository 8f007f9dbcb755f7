package de.ikoe.lotse.telegram;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramTextTests {

    @Test
    void textIsEscapedForTelegramHtml() {
        assertThat(TelegramText.html("<script>alert('x')</script> & Co \"Vielfalt\" für Jena")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co &quot;Vielfalt&quot; für Jena");
    }

    @Test
    void longTextsAreSplitAtParagraphsAndNothingIsLost() {
        String paragraph = "Ein Absatz mit etwas Text. ".repeat(40).strip();
        String text = String.join("\n\n", java.util.Collections.nCopies(8, paragraph));
        List<String> parts = TelegramText.split(text);
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(TelegramText.PART));
        assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("Ein Absatz").endsWith("Text."));
        assertThat(String.join("\n\n", parts)).isEqualTo(text);
    }

    @Test
    void aShortTextStaysWhole() {
        assertThat(TelegramText.split("Hallo")).containsExactly("Hallo");
    }
}
