package de.ikoe.lotse.system;

import io.github.bucket4j.BucketConfiguration;

import java.time.Duration;

/**
 * A token bucket: {@code capacity} tokens at most, refilled evenly over {@code period}. Unlike a
 * fixed window it never lets more than the capacity through at a window's edge.
 *
 * @param name     what is limited; part of every bucket's key, so limits never share buckets
 * @param capacity the most requests in a burst, and per period
 */
public record RateLimit(String name, long capacity, Duration period) {

    public RateLimit {
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a capacity of at least 1 and a positive period");
        }
    }

    BucketConfiguration configuration() {
        return BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .build();
    }
}
