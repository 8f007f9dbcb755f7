package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.TextBundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The editors' texts: read from the folder, changed without a restart, completed from the built-in ones. */
class EditableTextsTests {

    private static final Path SHIPPED = Path.of("knowledge-base");

    @TempDir
    Path knowledgeBase;

    private static String shipped(String key, String lang) throws IOException {
        Properties texts = new Properties();
        try (Reader in = Files.newBufferedReader(SHIPPED.resolve("texts/bot_" + lang + ".properties"),
                StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        return texts.getProperty(key);
    }

    private void write(String lang, String content) throws IOException {
        Files.createDirectories(knowledgeBase.resolve("texts"));
        Files.writeString(knowledgeBase.resolve("texts/bot_" + lang + ".properties"), content, StandardCharsets.UTF_8);
    }

    @Test
    void anEditTakesEffectWithoutARestart() throws IOException {
        write("de", "greeting = Moin! Was darf es sein?\n");
        EditableTexts texts = new EditableTexts(knowledgeBase, Duration.ofMillis(100));
        assertThat(texts.text("greeting", "de")).isEqualTo("Moin! Was darf es sein?");

        write("de", "greeting = Grüß Gott! Wie kann ich helfen?\n");
        // the change is noticed by the file's time; two writes in one tick of a coarse clock would share it
        Files.setLastModifiedTime(knowledgeBase.resolve("texts/bot_de.properties"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> texts.text("greeting", "de").equals("Grüß Gott! Wie kann ich helfen?"));
    }

    @Test
    void aKeyTheFolderLacksComesFromTheBuiltInTexts() throws IOException {
        write("de", "greeting = Moin!\n");
        EditableTexts texts = new EditableTexts(knowledgeBase, Duration.ofSeconds(2));
        assertThat(texts.text("greeting", "de")).isEqualTo("Moin!");
        assertThat(texts.text("welcome", "de")).isEqualTo(shipped("welcome", "de"));
        // no English file in the folder: English, not the folder's German
        assertThat(texts.text("greeting", "en")).isEqualTo(shipped("greeting", "en"));
    }

    @Test
    void aFolderWithoutTextsSpeaksWithTheBuiltInOnes() throws IOException {
        EditableTexts texts = new EditableTexts(knowledgeBase, Duration.ofSeconds(2));
        assertThat(texts.text("welcome", "de")).isEqualTo(shipped("welcome", "de"));
        assertThat(texts.text("welcome", "en")).isEqualTo(shipped("welcome", "en"));
    }

    @Test
    void aLanguageTheBotDoesNotSpeakGetsGermanWhateverTheServersLocale() throws IOException {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        try {
            EditableTexts texts = new EditableTexts(knowledgeBase, Duration.ofSeconds(2));
            assertThat(texts.text("welcome", "fr")).isEqualTo(shipped("welcome", "de"));
            assertThat(texts.text("welcome", null)).isEqualTo(shipped("welcome", "de"));
            assertThat(TextBundle.locale("tr")).isEqualTo(TextBundle.FALLBACK).isEqualTo(Locale.GERMAN);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void textsAreReadAsUtf8AndAsWritten() throws IOException {
        write("de", "thanks = Gern geschehen – Ihre Frage war's wert: {x} bleibt.\n");
        EditableTexts texts = new EditableTexts(knowledgeBase, Duration.ofSeconds(2));
        assertThat(texts.text("thanks", "de")).isEqualTo("Gern geschehen – Ihre Frage war's wert: {x} bleibt.");
    }
}
