package de.ikoe.lotse.knowledge;

import java.time.Instant;
import java.util.List;

/**
 * Published after the index was (re)built from the knowledge-base folder.
 *
 * @param documents the number of documents now searchable
 * @param problems  every problem found, one line each ({@code file:line: field: message})
 */
public record KnowledgeReloaded(int documents, List<String> problems, Instant at) {

    public KnowledgeReloaded {
        problems = List.copyOf(problems);
    }
}
