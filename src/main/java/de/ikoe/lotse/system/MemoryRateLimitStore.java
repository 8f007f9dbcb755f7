package de.ikoe.lotse.system;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Buckets in this instance's memory, bounded: at most {@link #MAX_KEYS} keys, and a key unused
 * for {@link #IDLE} is dropped. No limit refills over more than {@link #IDLE}, so a dropped
 * bucket would have been full again anyway. Refills follow the service's clock.
 */
class MemoryRateLimitStore implements RateLimitStore {

    static final int MAX_KEYS = 100_000;
    static final Duration IDLE = Duration.ofHours(1);

    private final Cache<String, Bucket> buckets;
    private final TimeMeter time;

    MemoryRateLimitStore(Clock clock) {
        this(clock, MAX_KEYS);
    }

    MemoryRateLimitStore(Clock clock, int maxKeys) {
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(IDLE).build();
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.get(key, k -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth limit : configuration.get().getBandwidths()) {
                builder.addLimit(limit);
            }
            return builder.build();
        });
    }

    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
