package de.ikoe.lotse.system;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Token buckets in the table {@code rate_limit_bucket}, shared by every instance on the same
 * PostgreSQL. Bucket4j's own distributed machinery does the arithmetic; this class only reads a
 * bucket's state and writes it back with an atomic compare-and-swap (an {@code UPDATE} that
 * matches the state it read, or an {@code INSERT} that loses to a concurrent one), so that two
 * instances taking the last token at once cannot both have it: the loser reads again and retries.
 * A bucket that would be full again is deleted by a job of the leader.
 */
class PostgresRateLimitStore implements RateLimitStore {

    /** Kept a little longer than it takes to refill, so that no bucket is deleted while it counts. */
    private static final Duration KEEP_EXTRA = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Buckets buckets;

    PostgresRateLimitStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = new Buckets(ClientSideConfig.getDefault().withClientClock(time)
                .withExpirationAfterWriteStrategy(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_EXTRA)));
    }

    @Override
    public Bucket bucket(String key, Supplier<BucketConfiguration> configuration) {
        return buckets.builder().build(key, configuration);
    }

    /** Deletes the buckets nobody used for longer than they need to fill up again. */
    @Scheduled(fixedDelayString = "${lotse.rate.cleanup-every:10m}")
    void deleteExpired() {
        jdbc.update("delete from rate_limit_bucket where expires_at < ?", Timestamp.from(clock.instant()));
    }

    private final class Buckets extends AbstractCompareAndSwapBasedProxyManager<String> {

        Buckets(ClientSideConfig config) {
            super(config);
        }

        @Override
        protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
            return new CompareAndSwapOperation() {
                @Override
                public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                    List<byte[]> states = jdbc.query("select state from rate_limit_bucket where bucket_key = ?",
                            (rs, row) -> rs.getBytes(1), key);
                    return states.stream().findFirst();
                }

                @Override
                public boolean compareAndSwap(byte[] original, byte[] updated, RemoteBucketState state,
                                              Optional<Long> timeoutNanos) {
                    Timestamp expires = Timestamp.from(clock.instant().plusMillis(timeToLive(state)));
                    if (original == null) {
                        return jdbc.update("insert into rate_limit_bucket (bucket_key, state, expires_at) values (?, ?, ?) "
                                + "on conflict (bucket_key) do nothing", key, updated, expires) == 1;
                    }
                    return jdbc.update("update rate_limit_bucket set state = ?, expires_at = ? where bucket_key = ? and state = ?",
                            updated, expires, key, original) == 1;
                }
            };
        }

        private long timeToLive(RemoteBucketState state) {
            return getClientSideConfig().getExpirationAfterWriteStrategy()
                    .map(strategy -> strategy.calculateTimeToLiveMillis(state, currentTimeNanos()))
                    .orElse(Duration.ofHours(1).toMillis());
        }

        @Override
        protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
            throw new UnsupportedOperationException("the rate limits are checked synchronously");
        }

        /** Each write sets {@code expires_at}; {@link #deleteExpired()} removes what expired. */
        @Override
        public boolean isExpireAfterWriteSupported() {
            return true;
        }

        @Override
        public boolean isAsyncModeSupported() {
            return false;
        }

        @Override
        public void removeProxy(String key) {
            jdbc.update("delete from rate_limit_bucket where bucket_key = ?", key);
        }

        @Override
        protected CompletableFuture<Void> removeAsync(String key) {
            throw new UnsupportedOperationException("the rate limits are checked synchronously");
        }
    }
}
