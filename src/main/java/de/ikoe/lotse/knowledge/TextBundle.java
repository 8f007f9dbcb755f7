package de.ikoe.lotse.knowledge;

import java.util.Locale;

/**
 * The bot's sentences as the centre's editors keep them, beside the knowledge base:
 * {@code texts/bot_de.properties} and {@code texts/bot_en.properties} in the knowledge-base folder.
 * An edit takes effect within seconds, without a restart. A key missing from the folder (or a
 * folder without {@code texts/}) is taken from the texts the service was built with.
 */
public interface TextBundle {

    /** The languages the bot speaks. */
    Locale GERMAN = Locale.GERMAN;
    Locale ENGLISH = Locale.ENGLISH;

    /** What a language the bot does not speak gets: German, the centre's language. */
    Locale FALLBACK = GERMAN;

    /**
     * The text under a key, as written, placeholders such as {@code {position}} left in place.
     *
     * @param lang {@code de} or {@code en}; any other language gets {@link #FALLBACK}
     */
    String text(String key, String lang);

    /** The language the bot answers in for a language code: German or English, else {@link #FALLBACK}. */
    static Locale locale(String lang) {
        if ("en".equals(lang)) {
            return ENGLISH;
        }
        return "de".equals(lang) ? GERMAN : FALLBACK;
    }
}
