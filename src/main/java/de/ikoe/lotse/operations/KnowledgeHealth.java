package de.ikoe.lotse.operations;

import de.ikoe.lotse.knowledge.KnowledgeSearch;
import de.ikoe.lotse.knowledge.KnowledgeStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Readiness: an instance without a loaded knowledge index cannot answer anyone. */
@Component("knowledge")
class KnowledgeHealth implements HealthIndicator {

    private final KnowledgeSearch knowledge;

    KnowledgeHealth(KnowledgeSearch knowledge) {
        this.knowledge = knowledge;
    }

    @Override
    public Health health() {
        KnowledgeStatus status = knowledge.status();
        long documents = status.documents().values().stream().mapToLong(Long::longValue).sum();
        Health.Builder health = status.loadedAt() != null && documents > 0 ? Health.up() : Health.down();
        return health.withDetail("documents", documents).withDetail("problems", status.problems().size())
                .withDetail("loadedAt", String.valueOf(status.loadedAt())).build();
    }
}
