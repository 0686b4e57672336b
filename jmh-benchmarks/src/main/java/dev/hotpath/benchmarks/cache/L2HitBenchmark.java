package dev.hotpath.benchmarks.cache;

import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A Redis hit of {@link TieredCache#get} (memory misses, Redis answers, the value is decoded and
 * checked) against a raw Lettuce {@code GET} of the same key and bytes. Before each read the
 * cache's clock jumps two days (past the one-day ttl), so its in-memory copy is always expired
 * and every read goes to Redis.
 * Needs Redis on {@code HOTPATH_REDIS_URI} (default {@code redis://127.0.0.1:6379}).
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class L2HitBenchmark extends StandardRun {
  /** The one key every benchmark reads. */
  static final String KEY = "photo:42";
  /** Its value: about the size of a photo's metadata as JSON. */
  static final String VALUE = "a photo's metadata, about a hundred bytes of JSON in a real service ".repeat(2);
  /** The cache's ttl, in memory and in Redis: a day, far beyond a run. */
  static final Duration TTL = Duration.ofDays(1);
  private static final long TWO_DAYS = TimeUnit.DAYS.toNanos(2);

  private final String prefix = CacheBenchmarks.freshPrefix();
  private RedisClient rawClient;
  private StatefulRedisConnection<byte[], byte[]> raw;
  private byte[] rawKey;
  private RedisTier tier;
  private TieredCache<String, String> cache;
  private final AtomicLong clock = new AtomicLong();

  /** Connects, writes the value through the cache and waits until Redis holds it. */
  @Setup
  public void connect() {
    String uri = CacheBenchmarks.redisUri();
    rawClient = RedisClient.create(uri);
    raw = rawClient.connect(ByteArrayCodec.INSTANCE);
    tier = RedisTier.builder(RedisURI.create(uri)).keyPrefix(prefix).operationTimeout(Duration.ofSeconds(2)).build();
    cache =
        TieredCache.<String, String>builder("photos")
            .maximumSize(1_000)
            .ttl(TTL)
            .ticker(clock::get)
            .redisTier(tier, Codec.json(String.class))
            .build();
    cache.put(KEY, VALUE, List.of("album:1"));
    rawKey = (prefix + ":photos:k:" + KEY).getBytes(StandardCharsets.UTF_8);
    while (raw.sync().get(rawKey) == null) {
      Thread.onSpinWait();
    }
  }

  /** Fails the run if the cache ever loaded (a miss was measured), then deletes the keys. */
  @TearDown
  public void close() {
    if (cache.stats().loads() != 0) {
      throw new IllegalStateException("the Redis hit benchmark loaded: it measured misses");
    }
    cache.close();
    tier.close();
    raw.sync().del(rawKey, (prefix + ":photos:v").getBytes(StandardCharsets.UTF_8));
    raw.close();
    rawClient.shutdown();
  }

  /** Raw Lettuce GET of the same bytes: the baseline. */
  @Benchmark
  public byte[] lettuceGet() {
    return raw.sync().get(rawKey);
  }

  /** The cache's Redis hit: timeout, breaker, decode, version check, install in memory. */
  @Benchmark
  public String tieredL2Hit() {
    clock.addAndGet(TWO_DAYS);
    return cache.get(KEY, List.of("album:1"), key -> {
      throw new IllegalStateException("must be answered from Redis");
    });
  }
}
