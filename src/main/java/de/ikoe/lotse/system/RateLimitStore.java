package de.ikoe.lotse.system;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;

import java.util.function.Supplier;

/**
 * Where token buckets live. The bucket for a key is created from its configuration when the
 * store has none; a bucket the store dropped comes back full. The shipped store keeps buckets
 * in this instance's memory; one that shares them between instances (Bucket4j's proxy
 * managers over the database) fits the same interface.
 */
public interface RateLimitStore {

    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
}
