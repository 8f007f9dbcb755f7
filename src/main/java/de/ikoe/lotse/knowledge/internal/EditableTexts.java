package de.ikoe.lotse.knowledge.internal;

import de.ikoe.lotse.knowledge.TextBundle;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.springframework.stereotype.Component;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Reads {@code texts/bot_<lang>.properties} (UTF-8) from the knowledge-base folder, and for a key
 * the folder lacks, the same files built into the service ({@code classpath:texts/}). The files are
 * checked for changes at most every {@link #RECHECK}; the system's locale never decides.
 */
@Component
class EditableTexts implements TextBundle {

    static final String BASENAME = "texts/bot";
    static final Duration RECHECK = Duration.ofSeconds(2);

    private final ReloadableResourceBundleMessageSource bundles = new ReloadableResourceBundleMessageSource();

    @Autowired
    EditableTexts(KnowledgeProperties properties) {
        this(properties.dir(), RECHECK);
    }

    EditableTexts(Path knowledgeBase, Duration recheck) {
        bundles.setBasenames("file:" + knowledgeBase.toAbsolutePath().normalize().resolve(BASENAME),
                "classpath:" + BASENAME);
        bundles.setDefaultEncoding("UTF-8");
        bundles.setFallbackToSystemLocale(false);
        bundles.setCacheMillis(recheck.toMillis());
    }

    @Override
    public String text(String key, String lang) {
        // without arguments the text comes back as written: an apostrophe is an apostrophe
        return bundles.getMessage(key, null, TextBundle.locale(lang));
    }
}
