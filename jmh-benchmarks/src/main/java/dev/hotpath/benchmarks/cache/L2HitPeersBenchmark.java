package dev.hotpath.benchmarks.cache;

import static dev.hotpath.benchmarks.cache.L2HitBenchmark.KEY;
import static dev.hotpath.benchmarks.cache.L2HitBenchmark.TTL;
import static dev.hotpath.benchmarks.cache.L2HitBenchmark.VALUE;

import com.alicp.jetcache.Cache;
import com.alicp.jetcache.redis.lettuce.LettuceConnectionManager;
import com.alicp.jetcache.redis.lettuce.RedisLettuceCacheBuilder;
import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.cache.TieredCache;
import io.lettuce.core.RedisClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RBucket;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.StringCodec;

/**
 * Redis hits of the peers a user might pick instead of {@link TieredCache}, on the key, value and
 * one-day ttl of {@link L2HitBenchmark} (compare with its {@code lettuceGet} and {@code
 * tieredL2Hit} from the same run). None of them keeps a copy in memory, so every read is a round
 * trip to Redis:
 *
 * <ul>
 *   <li>{@code jetCacheRemote}: JetCache's Lettuce remote cache, {@code Cache.get} (a GET, the
 *       value in JetCache's default Java serialization, decoded on JetCache's executor);
 *   <li>{@code redissonBucket}: Redisson {@code RBucket.get} with the string codec (a GET);
 *   <li>{@code redissonMapNoLocalCache}: Redisson {@code RLocalCachedMap.get} with its local cache
 *       off ({@code cacheSize(-1)}), string codec (an HGET): what its local miss costs.
 * </ul>
 *
 * <p>Setup and teardown fail unless each reads the value, and unless the Redisson map holds
 * nothing locally. Needs Redis on {@code HOTPATH_REDIS_URI} (default {@code
 * redis://127.0.0.1:6379}).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class L2HitPeersBenchmark extends StandardRun {
  private final String prefix = CacheBenchmarks.freshPrefix();
  private RedisClient jetCacheClient;
  private Cache<String, String> jetCache;
  private RedissonClient redisson;
  private RBucket<String> bucket;
  private RLocalCachedMap<String, String> map;

  /** Connects, writes the value through each peer with the ttl and checks that each reads it. */
  @Setup
  public void connect() {
    jetCacheClient = RedisClient.create(CacheBenchmarks.redisUri());
    jetCache =
        RedisLettuceCacheBuilder.createRedisLettuceCacheBuilder()
            .redisClient(jetCacheClient)
            .keyPrefix(prefix + ":jetcache:")
            .expireAfterWrite(TTL.toMillis(), TimeUnit.MILLISECONDS)
            .buildCache();
    jetCache.put(KEY, VALUE);
    redisson = CacheBenchmarks.redisson();
    bucket = redisson.getBucket(prefix + ":bucket:" + KEY, StringCodec.INSTANCE);
    bucket.set(VALUE, TTL);
    map =
        redisson.getLocalCachedMap(
            LocalCachedMapOptions.<String, String>name(prefix + ":photos")
                .codec(StringCodec.INSTANCE)
                .cacheSize(-1));
    map.fastPut(KEY, VALUE);
    map.expire(TTL);
    requireRedisHits();
  }

  /** Fails the run unless each peer still reads the value from Redis, then deletes the keys. */
  @TearDown
  public void close() {
    try {
      requireRedisHits();
    } finally {
      jetCache.remove(KEY);
      bucket.delete();
      map.delete();
      map.destroy();
      redisson.shutdown();
      LettuceConnectionManager.defaultManager().removeAndClose(jetCacheClient);
      jetCacheClient.shutdown();
    }
  }

  private void requireRedisHits() {
    CacheBenchmarks.requireHit("jetCacheRemote", KEY, VALUE, jetCache.get(KEY));
    CacheBenchmarks.requireHit("redissonBucket", KEY, VALUE, bucket.get());
    CacheBenchmarks.requireHit("redissonMapNoLocalCache", KEY, VALUE, map.get(KEY));
    if (!map.getCachedMap().isEmpty()) {
      throw new IllegalStateException("redissonMapNoLocalCache must not cache locally, but holds " + map.getCachedMap());
    }
  }

  /**
   * JetCache's Lettuce remote cache: GET, Java deserialization, expiry check.
   *
   * @return the value read
   */
  @Benchmark
  public String jetCacheRemote() {
    return jetCache.get(KEY);
  }

  /**
   * Redisson {@code RBucket.get}: a GET, the string codec.
   *
   * @return the value read
   */
  @Benchmark
  public String redissonBucket() {
    return bucket.get();
  }

  /**
   * Redisson {@code RLocalCachedMap.get} with the local cache off: an HGET, the string codec.
   *
   * @return the value read
   */
  @Benchmark
  public String redissonMapNoLocalCache() {
    return map.get(KEY);
  }
}
