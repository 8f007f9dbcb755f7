package de.ikoe.lotse.system;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.UUID;

/**
 * Leader election through the database: Spring Integration's {@link JdbcLockRegistry} keeps one
 * row in {@code int_lock}; the instance that holds it renews it every {@code heartbeat}, and when
 * it dies without a word (SIGKILL) the row expires after {@code ttl}, and another instance, which
 * tries every {@code retry}, takes it. A takeover thus happens within ttl + retry of the last
 * renewal, plus the time the work needs to start.
 */
@Configuration(proxyBeanMethods = false)
class LeadershipConfiguration {

    /** Each start is a new client: a restarted instance must not inherit the row of its former life. */
    private final String instanceId = UUID.randomUUID().toString();

    @Bean
    DefaultLockRepository leaderLockRepository(DataSource dataSource, PlatformTransactionManager transactions) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource, instanceId);
        repository.setPrefix("INT_");
        repository.setTransactionManager(transactions);
        return repository;
    }

    @Bean
    JdbcLockRegistry leaderLockRegistry(DefaultLockRepository repository, LeaderProperties leader) {
        JdbcLockRegistry registry = new JdbcLockRegistry(repository, leader.ttl());
        registry.setIdleBetweenTries(leader.retry());
        return registry;
    }

    /** Also the gauge {@code lotse.leader}: 1 on the leading instance, 0 elsewhere; summed over instances, 1. */
    @Bean
    Leadership leadership(ObjectProvider<SingletonWork> work, Clock clock, MeterRegistry meters) {
        Leadership leadership = new Leadership(instanceId, work, clock);
        Gauge.builder("lotse.leader", () -> leadership.isLeader() ? 1 : 0)
                .description("1 on the instance that runs the pollers and the scheduled jobs").register(meters);
        return leadership;
    }

    /** Health detail {@code leader}: whether this instance leads, and since when. Always UP. */
    @Bean
    HealthIndicator leaderHealthIndicator(Leadership leadership) {
        return () -> Health.up().withDetail("leader", leadership.isLeader())
                .withDetail("since", String.valueOf(leadership.since())).build();
    }

    @Bean
    LockRegistryLeaderInitiator leaderInitiator(JdbcLockRegistry registry, Leadership leadership,
                                                LeaderProperties leader) {
        LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(registry, leadership);
        initiator.setHeartBeatMillis(leader.heartbeat().toMillis());
        initiator.setBusyWaitMillis(leader.retry().toMillis());
        return initiator;
    }
}
