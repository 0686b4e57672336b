package dev.hotpath.benchmarks.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.cache.CacheLoader;
import dev.hotpath.cache.TieredCache;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An in-memory hit of {@link TieredCache#get} against raw Caffeine {@code getIfPresent} on the
 * same keys. {@code caffeinePlain} has only a size bound; {@code caffeineTtl} also expires after
 * write, the same work the tiered cache's ttl costs. {@code tieredTtl} has a ttl and tags;
 * {@code tieredSwr} adds a stale-while-revalidate window, so each hit also reads the clock.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class L1HitBenchmark extends StandardRun {
  /** How many keys each cache holds (a power of two); each benchmark reads them in turn. */
  static final int KEYS = 1024;
  /** The size bound of every cache, well above {@link #KEYS}: nothing is evicted. */
  static final int MAXIMUM_SIZE = 10_000;
  /** The expire-after-write of every cache with a ttl, far beyond a run. */
  static final Duration TTL = Duration.ofHours(1);
  private static final CacheLoader<Object, String> NEVER =
      key -> {
        throw new IllegalStateException("a hit benchmark must not load");
      };

  private final String[] keys = new String[KEYS];
  private Cache<String, String> caffeinePlain;
  private Cache<String, String> caffeineTtl;
  private Cache<String, String> caffeineVariable;
  private TieredCache<String, String> tieredTtl;
  private TieredCache<String, String> tieredSwr;
  private int next;

  /** The {@code i}-th key. */
  static String key(int i) {
    return "photo:" + i;
  }

  /** The value of the {@code i}-th key. */
  static String value(int i) {
    return "value " + i;
  }

  /** Builds the caches and puts every key into each. */
  @Setup
  public void fill() {
    caffeinePlain = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).build();
    caffeineTtl = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).expireAfterWrite(TTL).build();
    caffeineVariable = Caffeine.newBuilder().maximumSize(MAXIMUM_SIZE).expireAfter(
        com.github.benmanes.caffeine.cache.Expiry.<String, String>creating((k, v) -> TTL)).build();
    tieredTtl = TieredCache.<String, String>builder("l1-ttl").maximumSize(MAXIMUM_SIZE).ttl(TTL).build();
    tieredSwr =
        TieredCache.<String, String>builder("l1-swr")
            .maximumSize(MAXIMUM_SIZE)
            .ttl(TTL)
            .staleWhileRevalidate(Duration.ofMinutes(5))
            .build();
    for (int i = 0; i < KEYS; i++) {
      keys[i] = key(i);
      String value = value(i);
      caffeinePlain.put(keys[i], value);
      caffeineTtl.put(keys[i], value);
      caffeineVariable.put(keys[i], value);
      tieredTtl.put(keys[i], value, List.of("album:" + (i % 16)));
      tieredSwr.put(keys[i], value, List.of("album:" + (i % 16)));
    }
  }

  private String nextKey() {
    return keys[next++ & (KEYS - 1)];
  }

  /** Raw Caffeine, size bound only. */
  @Benchmark
  public String caffeinePlain() {
    return caffeinePlain.getIfPresent(nextKey());
  }

  /** Raw Caffeine with expire-after-write: the baseline for a cache with a ttl. */
  @Benchmark
  public String caffeineTtl() {
    return caffeineTtl.getIfPresent(nextKey());
  }

  /** Raw Caffeine with per-entry expiry. */
  @Benchmark
  public String caffeineVariable() {
    return caffeineVariable.getIfPresent(nextKey());
  }

  /** TieredCache hit: Caffeine lookup plus the version check of the entry's slots. */
  @Benchmark
  public String tieredTtl() {
    return tieredTtl.get(nextKey(), List.of(), NEVER);
  }

  /** TieredCache hit with stale-while-revalidate: also reads the clock. */
  @Benchmark
  public String tieredSwr() {
    return tieredSwr.get(nextKey(), List.of(), NEVER);
  }
}
