package de.ikoe.lotse.webchat;

import de.ikoe.lotse.support.MutableClock;
import de.ikoe.lotse.system.TestRateLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which limit refuses what, with which reason and when to try again; each kind of request has buckets of its own. */
class RateLimiterTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T09:00:00Z"), ZoneId.of("Europe/Berlin"));

    /** Per minute: 2 messages per session, 3 per address, 1 new chat per address, 2 asks per address. */
    private final RateLimiter limiter = new RateLimiter(TestRateLimits.inMemory(clock), new WebChatProperties(List.of(),
            new WebChatProperties.Rate(2, 3, 1, 2, 3, 30, Duration.ofMinutes(1))));

    @Test
    void aSessionIsHeldToItsOwnLimitFirst() {
        assertThat(limiter.message("s1", "10.0.0.1")).isNull();
        assertThat(limiter.message("s1", "10.0.0.1")).isNull();
        RateLimiter.Refusal refused = limiter.message("s1", "10.0.0.1");
        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo("too many messages in this chat; please wait a moment");
        assertThat(refused.retryAfterSeconds()).isBetween(1L, 30L);
        assertThat(limiter.message("s2", "10.0.0.1")).as("another chat from the same network").isNull();
    }

    @Test
    void allSessionsOfOneAddressShareItsLimit() {
        assertThat(limiter.message("a", "10.0.0.2")).isNull();
        assertThat(limiter.message("b", "10.0.0.2")).isNull();
        assertThat(limiter.message("c", "10.0.0.2")).isNull();
        RateLimiter.Refusal refused = limiter.message("d", "10.0.0.2");
        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo("too many messages from your network; please wait a moment");
        assertThat(limiter.message("e", "10.0.0.3")).as("another network").isNull();
    }

    @Test
    void theBucketsRefillWithTime() {
        limiter.message("s", "10.0.0.4");
        limiter.message("s", "10.0.0.4");
        assertThat(limiter.message("s", "10.0.0.4")).isNotNull();
        clock.advance(Duration.ofSeconds(30)); // one of two tokens a minute
        assertThat(limiter.message("s", "10.0.0.4")).isNull();
        assertThat(limiter.message("s", "10.0.0.4")).isNotNull();
    }

    @Test
    void newChatsAndAsksAreCountedApartFromMessages() {
        assertThat(limiter.newSession("10.0.0.5")).isNull();
        assertThat(limiter.newSession("10.0.0.5")).isNotNull()
                .extracting(RateLimiter.Refusal::reason).isEqualTo("too many new chats from your network; please wait a moment");
        assertThat(limiter.ask("10.0.0.5")).isNull();
        assertThat(limiter.ask("10.0.0.5")).isNull();
        assertThat(limiter.ask("10.0.0.5")).isNotNull()
                .extracting(RateLimiter.Refusal::reason).isEqualTo("too many questions from your network; please wait a moment");
        assertThat(limiter.message("s", "10.0.0.5")).as("messages have their own buckets").isNull();
    }
}
