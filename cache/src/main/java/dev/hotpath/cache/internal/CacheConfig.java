package dev.hotpath.cache.internal;

import com.github.benmanes.caffeine.cache.Weigher;
import dev.hotpath.cache.Codec;
import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The validated settings of one cache, handed from the public builder to the implementation.
 * Durations are nanoseconds; 0 means "not set" where the builder allows it.
 *
 * @param name the cache name
 * @param namespace the name of the cache in Redis keys and invalidation messages
 * @param maximumSize the L1 entry bound, or -1 when bounded by weight
 * @param maximumWeight the L1 weight bound, or -1 when bounded by size
 * @param weigher the weigher for {@code maximumWeight}, or null
 * @param ttlNanos how long a value is fresh; {@code Long.MAX_VALUE} for no expiry
 * @param staleNanos how long after the ttl a stale value may be served while one refresh runs
 * @param refreshAfterNanos age after which a hit triggers a background refresh, or 0
 * @param negativeTtlNanos how long a "no value" result is cached, or 0 for never
 * @param l2 the Redis tier's connections, or null for L1 only
 * @param codec the value codec, or null for L1 only
 * @param compressAboveBytes encoded values longer than this are gzip-compressed in Redis
 * @param maxValueBytes values longer than this (after compression) are not written to Redis
 * @param metrics where load and Redis latencies are recorded
 * @param ticker the clock of the in-memory tier
 * @param executor runs background refreshes
 * @param keyEncoder the string form of a key in Redis
 * @param invalidationSlots the number of version slots keys and tags hash into (power of two)
 * @param crossNodeLockNanos how long a miss waits for another node's load of the key, or 0
 * @param failSafeNanos how long after expiry a value may answer for a failing loader, or 0 for off
 * @param failSafeRetryNanos how long a fail-safe answer is reused before the loader is retried
 * @param softTimeoutNanos after this a waiting read takes the fail-safe value, or 0 for none
 * @param hardTimeoutNanos after this a waiting read fails (or takes the fail-safe value), or 0
 * @param <K> the key type
 * @param <V> the value type
 */
public record CacheConfig<K, V>(
    String name,
    String namespace,
    long maximumSize,
    long maximumWeight,
    Weigher<? super K, ? super V> weigher,
    long ttlNanos,
    long staleNanos,
    long refreshAfterNanos,
    long negativeTtlNanos,
    RedisConnections l2,
    Codec<V> codec,
    int compressAboveBytes,
    int maxValueBytes,
    LatencyRegistry metrics,
    Ticker ticker,
    Executor executor,
    Function<? super K, String> keyEncoder,
    int invalidationSlots,
    long crossNodeLockNanos,
    long failSafeNanos,
    long failSafeRetryNanos,
    long softTimeoutNanos,
    long hardTimeoutNanos) {}
