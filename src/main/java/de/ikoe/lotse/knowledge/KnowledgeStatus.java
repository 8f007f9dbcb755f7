package de.ikoe.lotse.knowledge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How the knowledge base stands, for admins.
 *
 * @param documents documents per kind
 * @param problems  every problem of the last load ({@code file:line: field: message})
 * @param loadedAt  when the index was last built
 */
public record KnowledgeStatus(Map<Kind, Long> documents, List<String> problems, Instant loadedAt) {
}
