package de.ikoe.lotse.conversation;

import de.ikoe.lotse.conversation.internal.AnswerProperties;
import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.TextBundle;
import de.ikoe.lotse.system.TestMeters;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/** The answer engine without Spring, with its default settings and the shipped texts, for the benchmarks. */
public final class InProcessAnswerer {

    private InProcessAnswerer() {
    }

    public static Answerer over(KnowledgeSearch knowledge) {
        AnswerProperties defaults = Binder.get(new StandardEnvironment())
                .bindOrCreate("lotse.answer", AnswerProperties.class);
        Map<String, Properties> texts = Map.of("de", shipped("de"), "en", shipped("en"));
        TextBundle bundle = (key, lang) -> texts.get(TextBundle.locale(lang).getLanguage()).getProperty(key, key);
        return new Answerer(knowledge, defaults, TestMeters.answerMeter(), new BotTexts(bundle));
    }

    private static Properties shipped(String lang) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("knowledge-base/texts/bot_" + lang + ".properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
