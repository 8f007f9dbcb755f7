package de.ikoe.lotse.webchat;

import de.ikoe.lotse.knowledge.TextBundle;
import de.ikoe.lotse.support.Http;
import de.ikoe.lotse.support.SharedApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page comes in the person's language with its words from the editors' text files:
 * asked for by the link, else the browser's choice, else German; the words the script needs
 * later come with it as data.
 */
@SharedApplicationTest
class ChatPageTests {

    private static final Pattern WORDS = Pattern.compile(
            "<script id=\"chat-words\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    TextBundle texts;

    private Http.Response page(String query, String acceptLanguage) {
        Map<String, String> headers = acceptLanguage == null ? Map.of() : Map.of("Accept-Language", acceptLanguage);
        return Http.get("http://127.0.0.1:" + port + "/chat" + query, headers);
    }

    private static JsonNode words(String html) {
        Matcher m = WORDS.matcher(html);
        assertThat(m.find()).as("the page carries its words").isTrue();
        return Http.JSON.readTree(m.group(1));
    }

    @Test
    void theLinkChoosesTheLanguageAndEveryWordComesFromTheTextFiles() {
        Http.Response english = page("?lang=en", "de-DE,de;q=0.9");
        assertThat(english.status()).isEqualTo(200);
        assertThat(english.body()).contains("<html lang=\"en\"")
                .contains("<title>" + texts.text("chat.pageTitle", "en") + "</title>")
                .contains(texts.text("chat.stateBot", "en"));
        JsonNode words = words(english.body());
        for (String word : ChatPageController.WORDS) {
            assertThat(words.path(word).asString(null)).as(word).isEqualTo(texts.text("chat." + word, "en"));
        }
        assertThat(words(page("?lang=de", "en").body()).path("send").asString())
                .isEqualTo(texts.text("chat.send", "de")).isNotEqualTo(texts.text("chat.send", "en"));
    }

    @Test
    void withoutALinkTheBrowsersLanguageDecidesAndAnythingElseIsGerman() {
        assertThat(page("", "en-GB,en;q=0.8").body()).contains("<html lang=\"en\"");
        assertThat(page("", "fr-FR,en;q=0.5").body()).contains("<html lang=\"en\"");
        assertThat(page("", "fr-FR").body()).contains("<html lang=\"de\"");
        assertThat(page("?lang=tr", "tr").body()).contains("<html lang=\"de\"");
        assertThat(page("", "%%%;q=nonsense").status()).isEqualTo(200);
        assertThat(page("", null).body()).contains("<html lang=\"de\"");
    }
}
