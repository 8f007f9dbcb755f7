package de.ikoe.lotse.support;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The bot's German texts as the editors' file ships them, for tests that watch a service from
 * outside (a browser, a packaged jar) and must recognise its words without quoting them: an
 * editor's change to a sentence then changes what the tests look for, not whether they pass.
 */
public final class ShippedTexts {

    private static final Properties GERMAN = load(Path.of("knowledge-base/texts/bot_de.properties"));

    private ShippedTexts() {
    }

    /** The German text under a key, placeholders such as {@code {ticket}} left in place. */
    public static String german(String key) {
        String text = GERMAN.getProperty(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key + " in the shipped German texts");
        }
        return text;
    }

    /** What the German text under a key begins with before its first placeholder: what every such message starts with. */
    public static String germanStart(String key) {
        String text = german(key);
        int placeholder = text.indexOf('{');
        return placeholder < 0 ? text : text.substring(0, placeholder);
    }

    private static Properties load(Path file) {
        Properties texts = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            texts.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return texts;
    }
}
