package de.ikoe.lotse.system;

import de.ikoe.lotse.support.TestDatabases;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What two instances on one PostgreSQL share, each played here by its own store or listener on
 * its own connection pool: a rate limit counts the requests to both, and a signal published by
 * one reaches the subscribers of both, once each.
 */
class SharedStateTests {

    private static String url;

    @BeforeAll
    static void schema() {
        TestDatabases.assumePostgres();
        url = TestDatabases.freshSchemaUrl();
        Flyway.configure().dataSource(url, TestDatabases.USER, "").locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void dropSchema() {
        if (url != null) {
            TestDatabases.dropSchema(url);
        }
    }

    private static JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(url, TestDatabases.USER, ""));
    }

    @Test
    void twoInstancesRacingForTheSameBucketGetNoMoreThanItsCapacity() throws Exception {
        RateLimits a = new RateLimits(new PostgresRateLimitStore(jdbc(), Clock.systemUTC()));
        RateLimits b = new RateLimits(new PostgresRateLimitStore(jdbc(), Clock.systemUTC()));
        RateLimit limit = new RateLimit("race", 30, Duration.ofHours(1));
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RateLimits instance = t % 2 == 0 ? a : b;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        if (instance.consume(limit, "203.0.113.7").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).as("80 requests against a bucket of 30").isEqualTo(30);
        RateLimits.Decision refused = b.consume(limit, "203.0.113.7");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).as("one token in 2 minutes").isBetween(60L, 120L);
        assertThat(a.consume(limit, "198.51.100.1").allowed()).as("another address has its own bucket").isTrue();
    }

    @Test
    void aSignalFromOneInstanceReachesTheOtherAndItselfOnce() {
        PostgresSignals a = new PostgresSignals(jdbc(), url, TestDatabases.USER, "");
        PostgresSignals b = new PostgresSignals(jdbc(), url, TestDatabases.USER, "");
        List<String> heardByA = new CopyOnWriteArrayList<>();
        List<String> heardByB = new CopyOnWriteArrayList<>();
        a.subscribe("console", heardByA::add);
        b.subscribe("console", heardByB::add);
        b.subscribe("other", payload -> heardByB.add("wrong topic: " + payload));
        a.start();
        b.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> a.listening() && b.listening());
            a.publish("console", "ticket 17");
            await().atMost(Duration.ofSeconds(1)).until(() -> heardByB.contains("ticket 17"));
            b.publish("console", "queue 18");
            await().atMost(Duration.ofSeconds(1)).until(() -> heardByA.contains("queue 18"));
            assertThat(heardByA).containsExactly("ticket 17", "queue 18");
            assertThat(heardByB).containsExactly("ticket 17", "queue 18");
        } finally {
            a.stop();
            b.stop();
        }
    }
}
