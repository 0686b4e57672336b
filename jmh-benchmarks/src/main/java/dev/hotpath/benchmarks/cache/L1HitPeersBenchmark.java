package dev.hotpath.benchmarks.cache;

import static dev.hotpath.benchmarks.cache.L1HitBenchmark.KEYS;
import static dev.hotpath.benchmarks.cache.L1HitBenchmark.MAXIMUM_SIZE;
import static dev.hotpath.benchmarks.cache.L1HitBenchmark.TTL;

import com.alicp.jetcache.Cache;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.cache.TieredCache;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.api.options.LocalCachedMapOptions.CacheProvider;
import org.redisson.client.codec.StringCodec;

/**
 * In-memory hits of the peers a user might pick instead of {@link TieredCache}, on the keys,
 * values, size bound and one-hour expire-after-write of {@link L1HitBenchmark} (compare with its
 * {@code caffeineTtl} and {@code tieredTtl} from the same run):
 *
 * <ul>
 *   <li>{@code jetCacheLocal}: JetCache's Caffeine-based local cache, {@code Cache.get};
 *   <li>{@code redissonLocalCachedMap}: a hit in the local cache of Redisson's {@code
 *       RLocalCachedMap} (Caffeine provider, string codec), whose entries also live in a Redis
 *       hash.
 * </ul>
 *
 * <p>Setup fails unless every key reads its value from both, and unless Redisson's local cache
 * holds every key; teardown checks that it still does, so no measured read went to Redis. Needs
 * Redis on {@code HOTPATH_REDIS_URI} (default {@code redis://127.0.0.1:6379}) for Redisson.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class L1HitPeersBenchmark extends StandardRun {
  private final String prefix = CacheBenchmarks.freshPrefix();
  private final String[] keys = new String[KEYS];
  private Cache<String, String> jetCache;
  private RedissonClient redisson;
  private RLocalCachedMap<String, String> redissonMap;
  private int next;

  /** Builds both caches, puts every key into each and checks that each key is a hit. */
  @Setup
  public void fill() {
    jetCache =
        CaffeineCacheBuilder.createCaffeineCacheBuilder()
            .limit(MAXIMUM_SIZE)
            .expireAfterWrite(TTL.toMillis(), TimeUnit.MILLISECONDS)
            .buildCache();
    redisson = CacheBenchmarks.redisson();
    redissonMap =
        redisson.getLocalCachedMap(
            LocalCachedMapOptions.<String, String>name(prefix + ":photos")
                .codec(StringCodec.INSTANCE)
                .cacheProvider(CacheProvider.CAFFEINE)
                .cacheSize(MAXIMUM_SIZE)
                .timeToLive(TTL));
    for (int i = 0; i < KEYS; i++) {
      keys[i] = L1HitBenchmark.key(i);
      String value = L1HitBenchmark.value(i);
      jetCache.put(keys[i], value);
      redissonMap.fastPut(keys[i], value);
    }
    for (int i = 0; i < KEYS; i++) {
      String value = L1HitBenchmark.value(i);
      CacheBenchmarks.requireHit("jetCacheLocal", keys[i], value, jetCache.get(keys[i]));
      CacheBenchmarks.requireHit("redissonLocalCachedMap", keys[i], value, redissonMap.get(keys[i]));
    }
    requireAllLocal();
  }

  /** Fails the run if Redisson's local cache lost keys (its reads went to Redis), then cleans up. */
  @TearDown
  public void close() {
    try {
      requireAllLocal();
    } finally {
      redissonMap.delete();
      redissonMap.destroy();
      redisson.shutdown();
      jetCache.close();
    }
  }

  private void requireAllLocal() {
    int local = redissonMap.getCachedMap().size();
    if (local != KEYS) {
      throw new IllegalStateException(
          "redissonLocalCachedMap must read from its local cache, which holds " + local + " of " + KEYS + " keys");
    }
  }

  private String nextKey() {
    return keys[next++ & (KEYS - 1)];
  }

  /**
   * JetCache's Caffeine-based local cache: JetCache's own expiry check per value, then Caffeine.
   *
   * @return the value read
   */
  @Benchmark
  public String jetCacheLocal() {
    return jetCache.get(nextKey());
  }

  /**
   * Redisson's {@code RLocalCachedMap} hit: encodes and hashes the key, then reads its local cache.
   *
   * @return the value read
   */
  @Benchmark
  public String redissonLocalCachedMap() {
    return redissonMap.get(nextKey());
  }
}
