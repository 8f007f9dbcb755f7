package de.ikoe.lotse.webchat;

import de.ikoe.lotse.knowledge.TextBundle;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The web chat's page, in the person's language, with every word it shows taken from the editors'
 * text files ({@code chat.*} in {@code knowledge-base/texts/bot_<lang>.properties}): the page's
 * labels are written into it, and what the script shows later (states, errors, the e-mail
 * panel's answers) travels with it as a JSON data block, which the browser never runs.
 */
@Controller
class ChatPageController {

    /** The words of the page, by the name the page uses for each. */
    static final List<String> WORDS = List.of("pageTitle", "title", "stateBot", "stateWaiting", "stateWaitingAt",
            "stateCounsellor", "privacy", "privacyCounsellor", "privacyLink", "inputLabel", "send", "placeholder",
            "user", "bot", "counsellor", "system", "sources", "error", "retry", "messages", "badgeBot",
            "badgeCounsellor", "badgeWaiting", "rated", "chosen", "counter", "tooLong", "mailOffer", "mailAddress",
            "mailConsent", "mailSave", "mailGiven", "mailForget", "mailInvalid");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TextBundle texts;

    ChatPageController(TextBundle texts) {
        this.texts = texts;
    }

    /**
     * @param lang           {@code de} or {@code en}, as a link or the widget asks for it
     * @param acceptLanguage the browser's languages, when no language is asked for
     */
    @GetMapping("/chat")
    String page(@RequestParam(required = false) String lang,
                @RequestHeader(name = "Accept-Language", required = false) String acceptLanguage, Model model) {
        String language = language(lang, acceptLanguage);
        Map<String, String> words = new LinkedHashMap<>();
        WORDS.forEach(word -> words.put(word, texts.text("chat." + word, language)));
        model.addAttribute("lang", language);
        model.addAttribute("t", words);
        // "<" written as an escape, so that no text can end the data block
        model.addAttribute("wordsJson", JSON.writeValueAsString(words).replace("<", "\\u003c"));
        return "chat";
    }

    /** German or English: asked for, else the browser's first choice of the two, else German. */
    static String language(String asked, String acceptLanguage) {
        if ("de".equals(asked) || "en".equals(asked)) {
            return asked;
        }
        if (acceptLanguage != null) {
            try {
                Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage),
                        List.of(TextBundle.GERMAN, TextBundle.ENGLISH));
                if (best != null) {
                    return best.getLanguage();
                }
            } catch (IllegalArgumentException e) {
                // a malformed header chooses nothing
            }
        }
        return "de";
    }
}
