package de.ikoe.lotse.system;

import de.ikoe.lotse.support.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Token buckets by the service's clock, in a store that cannot grow without bound. */
class RateLimitsTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:59.500Z"), ZoneId.of("Europe/Berlin"));

    @Test
    void noDoubleBurstAtAMinutesEdge() {
        RateLimits limits = new RateLimits(new MemoryRateLimitStore(clock));
        RateLimit tenAMinute = new RateLimit("test", 10, Duration.ofMinutes(1));
        for (int i = 0; i < 10; i++) {
            assertThat(limits.consume(tenAMinute, "a").allowed()).isTrue();
        }
        clock.advance(Duration.ofSeconds(1)); // a fixed window would start afresh here
        RateLimits.Decision refused = limits.consume(tenAMinute, "a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isBetween(4L, 6L);
        clock.advance(Duration.ofSeconds(6)); // one token every six seconds
        assertThat(limits.consume(tenAMinute, "a").allowed()).isTrue();
        assertThat(limits.consume(tenAMinute, "a").allowed()).isFalse();
        assertThat(limits.consume(tenAMinute, "b").allowed()).as("another key has its own bucket").isTrue();
    }

    @Test
    void theStoreKeepsABoundedNumberOfKeys() {
        MemoryRateLimitStore store = new MemoryRateLimitStore(clock, 1000);
        RateLimits limits = new RateLimits(store);
        RateLimit one = new RateLimit("flood", 1, Duration.ofMinutes(5));
        for (int i = 0; i < 20_000; i++) {
            limits.consume(one, "name-" + i);
        }
        assertThat(store.size()).isLessThanOrEqualTo(1000);
    }

    @Test
    void auditValuesCannotForgeALine() {
        assertThat(AuditLog.clean("anna\nevent=account.created who=admin")).doesNotContain("\n", " ", "=");
        assertThat(AuditLog.clean("x".repeat(500))).hasSizeLessThanOrEqualTo(101);
        assertThat(AuditLog.clean(null)).isEqualTo("-");
    }
}
