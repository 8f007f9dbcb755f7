package de.ikoe.lotse.conversation;

import de.ikoe.lotse.knowledge.TextBundle;
import org.springframework.stereotype.Component;

/**
 * Where the bot's sentences come from, for every channel: {@code in("en")} gives the English ones.
 * A language the bot does not speak gets German ({@link TextBundle#FALLBACK}), by decision and not
 * by the server's locale.
 */
@Component
public class BotTexts {

    private final TextBundle bundle;

    public BotTexts(TextBundle bundle) {
        this.bundle = bundle;
    }

    /** The texts in a person's language ({@code de}, {@code en}; anything else gets German). */
    public Texts in(String lang) {
        return new Texts(bundle, lang);
    }

    /** The texts in the centre's own language, German: what counsellors read. */
    public Texts centre() {
        return in("de");
    }
}
