package de.ikoe.lotse.system;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * True when the service runs on PostgreSQL, which several instances may share: then rate limits
 * and signals go through the database. Judged by {@code spring.datasource.url}, which a deployment
 * sets whether or not it names the {@code postgres} profile.
 */
class OnPostgres implements Condition {

    static boolean postgres(String url) {
        return url != null && url.startsWith("jdbc:postgresql:");
    }

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return postgres(context.getEnvironment().getProperty("spring.datasource.url"));
    }

    /** The opposite: H2, one instance. */
    static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !postgres(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
