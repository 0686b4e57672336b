package dev.hotpath.cache.internal;

import com.github.benmanes.caffeine.cache.Weigher;
import dev.hotpath.cache.Codec;
import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;

/**
 * The settings of one cache: the public builder writes each option here as it validates it, and
 * {@code build()} hands the implementation a {@link #copy()}, which nothing changes afterwards.
 * A new option is a field here (with its default) and a builder method; the implementation reads
 * the field. Durations stay {@link Duration}s so that no two options are adjacent bare numbers;
 * the {@code ...Nanos()} methods convert them, durations beyond about 292 years meaning "forever".
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheConfig<K, V> implements Cloneable {
  /** The value of a size or weight bound that was not set. */
  public static final long UNSET = -1;

  /** The cache name, validated as an instance name. */
  public final String name;
  /** The name of the cache in Redis keys and invalidation messages; null for {@link #name}. */
  public String namespace;
  /** The L1 entry bound, or {@link #UNSET} when bounded by weight. */
  public long maximumSize = UNSET;
  /** The L1 weight bound, or {@link #UNSET} when bounded by size. */
  public long maximumWeight = UNSET;
  /** The weigher for {@link #maximumWeight}, or null. */
  public Weigher<? super K, ? super V> weigher;
  /** How long a value is fresh; null for no expiry. */
  public Duration ttl;
  /** How long after the ttl a stale value may be served while one refresh runs. */
  public Duration staleWhileRevalidate = Duration.ZERO;
  /** The age after which a hit triggers a background refresh; null for off. */
  public Duration refreshAfter;
  /** How long a "no value" result is cached; zero for never. */
  public Duration negativeTtl = Duration.ZERO;
  /** The Redis tier's connections, or null for L1 only (set by {@code build()}). */
  public RedisConnections l2;
  /** The value codec, or null for L1 only. */
  public Codec<V> codec;
  /** Encoded values longer than this are gzip-compressed in Redis. */
  public int compressAboveBytes = 8 * 1024;
  /** Values longer than this (after compression) are not written to Redis. */
  public int maxValueBytes = 1024 * 1024;
  /** Where load and Redis latencies are recorded; null for a registry of the cache's own. */
  public LatencyRegistry metrics;
  /** The clock of the in-memory tier. */
  public Ticker ticker = Ticker.system();
  /** Runs background refreshes (and loaders under a timeout). */
  public Executor executor = ForkJoinPool.commonPool();
  /** The string form of a key in Redis. */
  public Function<? super K, String> keyEncoder = String::valueOf;
  /** The number of version slots keys and tags hash into (a power of two). */
  public int invalidationSlots = 1 << 14;
  /** How long a miss waits for another node's load of the key; zero for off. */
  public Duration crossNodeLock = Duration.ZERO;
  /** How long after expiry a value may answer for a failing loader; zero for off. */
  public Duration failSafe = Duration.ZERO;
  /** How long a fail-safe answer is reused before the loader is tried again. */
  public Duration failSafeRetry = Duration.ZERO;
  /** After this a waiting read takes the fail-safe value; zero for none. */
  public Duration softTimeout = Duration.ZERO;
  /** After this a waiting read fails (or takes the fail-safe value); zero for none. */
  public Duration hardTimeout = Duration.ZERO;

  /**
   * Starts the settings of a cache with every default.
   *
   * @param name the cache name, already validated
   */
  public CacheConfig(String name) {
    this.name = name;
  }

  /**
   * A copy for one built cache, so that later builder calls do not reach it.
   *
   * @return a copy of these settings (the option values themselves are immutable or shared)
   */
  @SuppressWarnings("unchecked")
  public CacheConfig<K, V> copy() {
    try {
      return (CacheConfig<K, V>) clone();
    } catch (CloneNotSupportedException impossible) {
      throw new AssertionError(impossible);
    }
  }

  /**
   * The namespace in effect.
   *
   * @return {@link #namespace}, or the cache name when none was set
   */
  public String effectiveNamespace() {
    return namespace == null ? name : namespace;
  }

  long ttlNanos() {
    return ttl == null ? Long.MAX_VALUE : nanos(ttl);
  }

  long staleNanos() {
    return nanos(staleWhileRevalidate);
  }

  long refreshAfterNanos() {
    return refreshAfter == null ? 0 : nanos(refreshAfter);
  }

  long negativeTtlNanos() {
    return nanos(negativeTtl);
  }

  long crossNodeLockNanos() {
    return nanos(crossNodeLock);
  }

  long failSafeNanos() {
    return nanos(failSafe);
  }

  long failSafeRetryNanos() {
    return nanos(failSafeRetry);
  }

  long softTimeoutNanos() {
    return nanos(softTimeout);
  }

  long hardTimeoutNanos() {
    return nanos(hardTimeout);
  }

  /** Durations beyond about 292 years mean "forever" rather than an overflow. */
  private static long nanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
