package de.ikoe.lotse.telegram;

import de.ikoe.lotse.delivery.Reply;
import de.ikoe.lotse.delivery.Reply.Link;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramTextTests {

    @Test
    void textIsEscapedForTelegramHtml() {
        assertThat(TelegramText.escape("<script>alert('x')</script> & Co \"Vielfalt\" für Jena")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co &quot;Vielfalt&quot; für Jena");
    }

    @Test
    void eachCardIsAMessageOfItsOwnWithItsWebLinksAsButtonsUnderIt() {
        Reply reply = new Reply(List.of(
                new Reply.Paragraph("Diese Angebote <passen>:"),
                new Reply.Card("Kurs A & B", "Beispiel", List.of(new Reply.Field("Kosten", "10 Euro")), List.of(
                        Link.web("Website", "https://example.org/a?x=1&y=2"), Link.mail("E-Mail", "kurs@example.org"),
                        Link.page("Details", "/knowledge/a?lang=de"))),
                new Reply.Card("Kurs C", null, List.of(), List.of(Link.page("Details", "/knowledge/c?lang=de"))),
                new Reply.Links("Quelle", List.of(Link.page("Thema", "/knowledge/t?lang=de")))));

        List<TelegramText.Part> parts = TelegramText.parts(reply.resolved("https://lotse.example.org"));

        assertThat(parts).extracting(TelegramText.Part::html).containsExactly(
                "Diese Angebote &lt;passen&gt;:\n\n<b>Kurs A &amp; B</b> <i>(Beispiel)</i>\nKosten: 10 Euro\nE-Mail: kurs@example.org",
                "<b>Kurs C</b>",
                "Quelle: <a href=\"https://lotse.example.org/knowledge/t?lang=de\">Thema</a>");
        assertThat(parts.get(0).buttons()).extracting(Link::url)
                .containsExactly("https://example.org/a?x=1&y=2", "https://lotse.example.org/knowledge/a?lang=de");
        assertThat(parts.get(1).buttons()).extracting(Link::label).containsExactly("Details");
        assertThat(parts.get(2).buttons()).isEmpty();
        assertThat(parts.get(0).plain()).as("the fallback writes the addresses out")
                .contains("Website: https://example.org/a?x=1&y=2", "E-Mail: kurs@example.org");
    }

    @Test
    void withoutThePublicAddressPagesOfTheServiceAreNamedNotLinked() {
        Reply reply = new Reply(List.of(new Reply.Paragraph("Antwort"),
                new Reply.Links("Quelle", List.of(Link.page("Was ist IKÖ?", "/knowledge/was-ist-ikoe?lang=de")))));
        assertThat(TelegramText.parts(reply.resolved(""))).singleElement()
                .satisfies(p -> assertThat(p.html()).isEqualTo("Antwort\n\nQuelle: Was ist IKÖ?"));
    }

    @Test
    void longTextsAreSplitAtParagraphsAndNothingIsLost() {
        String paragraph = "Ein Absatz mit etwas Text. ".repeat(40).strip();
        String text = String.join("\n\n", Collections.nCopies(8, paragraph));
        List<String> parts = TelegramText.parts(Reply.of(text)).stream().map(TelegramText.Part::plain).toList();
        assertThat(parts).hasSizeGreaterThan(1).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(TelegramText.PART));
        assertThat(parts).allSatisfy(p -> assertThat(p).startsWith("Ein Absatz").endsWith("Text."));
        assertThat(String.join("\n\n", parts)).isEqualTo(text);
    }

    @Test
    void aShortTextStaysWhole() {
        assertThat(TelegramText.parts(Reply.of("Hallo"))).extracting(TelegramText.Part::html).containsExactly("Hallo");
    }
}
