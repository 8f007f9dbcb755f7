package de.ikoe.lotse.knowledge.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Validates a folder exactly as a (re)load would, without a running service. */
public final class KnowledgeBaseValidation {

    private KnowledgeBaseValidation() {
    }

    /** Every problem of the folder, one line each ({@code file:line: field: message}). */
    public static List<String> problems(Path folder) {
        try (IndexSnapshot snapshot = IndexSnapshot.build(new KnowledgeBaseLoader().load(folder), Instant.now())) {
            return snapshot.problems().stream().map(Problem::toString).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
