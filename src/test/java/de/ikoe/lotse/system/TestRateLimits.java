package de.ikoe.lotse.system;

import java.time.Clock;

/** Rate limits over the in-memory store, by a given clock, for tests of the modules that use them. */
public final class TestRateLimits {

    private TestRateLimits() {
    }

    public static RateLimits inMemory(Clock clock) {
        return new RateLimits(new MemoryRateLimitStore(clock));
    }
}
