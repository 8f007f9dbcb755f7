package de.ikoe.lotse.system;

import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/**
 * What instances share when they share a PostgreSQL database: signals ({@link PostgresSignals})
 * and rate limits ({@link PostgresRateLimitStore}). On H2 both stay in this process.
 */
@Configuration(proxyBeanMethods = false)
class SharingConfiguration {

    @Bean
    @Conditional(OnPostgres.class)
    PostgresSignals postgresSignals(JdbcTemplate jdbc, DataSourceProperties dataSource) {
        return new PostgresSignals(jdbc, dataSource.determineUrl(), dataSource.determineUsername(),
                dataSource.determinePassword());
    }

    /** Health {@code signals}: whether this instance hears the others (not part of readiness: it serves without). */
    @Bean
    @Conditional(OnPostgres.class)
    HealthIndicator signalsHealthIndicator(PostgresSignals signals) {
        return () -> (signals.listening() ? Health.up() : Health.down()).build();
    }

    @Bean
    @Conditional(OnPostgres.Not.class)
    LocalSignals localSignals() {
        return new LocalSignals();
    }

    @Bean
    @Conditional(OnPostgres.class)
    PostgresRateLimitStore postgresRateLimitStore(JdbcTemplate jdbc, Clock clock) {
        return new PostgresRateLimitStore(jdbc, clock);
    }

    @Bean
    @Conditional(OnPostgres.Not.class)
    MemoryRateLimitStore memoryRateLimitStore(Clock clock) {
        return new MemoryRateLimitStore(clock);
    }
}
