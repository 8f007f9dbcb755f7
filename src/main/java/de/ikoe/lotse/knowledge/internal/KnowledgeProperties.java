package de.ikoe.lotse.knowledge.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the knowledge module.
 *
 * @param dir      the knowledge-base folder ({@code LOTSE_KNOWLEDGE_DIR})
 * @param watch    rebuild the index when a file under the folder changes
 * @param debounce how long the folder must be quiet before a rebuild, so that an editor's
 *                 save or a {@code git pull} of many files triggers one rebuild
 */
@ConfigurationProperties("lotse.knowledge")
record KnowledgeProperties(
        @DefaultValue("./knowledge-base") Path dir,
        @DefaultValue("true") boolean watch,
        @DefaultValue("500ms") Duration debounce) {
}
