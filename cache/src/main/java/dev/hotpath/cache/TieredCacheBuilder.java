package dev.hotpath.cache;

import com.github.benmanes.caffeine.cache.Weigher;
import dev.hotpath.cache.internal.CacheConfig;
import dev.hotpath.cache.internal.DefaultTieredCache;
import dev.hotpath.core.Check;
import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.TagValues;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Builds a {@link TieredCache}. Each call validates its argument at once; {@link #build()}
 * checks the combination. Not thread-safe; a builder may build several caches.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TieredCacheBuilder<K, V> {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final long UNSET = CacheConfig.UNSET;

  /** The options set so far; each setter writes one after validating it. */
  private final CacheConfig<K, V> config;
  private RedisTier redisTier;

  TieredCacheBuilder(String name) {
    this.config = new CacheConfig<>(TagValues.requireInstanceName("cache name", name));
  }

  /**
   * Sets the name of this cache in Redis keys and invalidation messages (default: the cache
   * name). Change it when the value's encoding changes, so old Redis values are not read.
   *
   * @param namespace 1 to 100 letters, digits, '.', '-' or '_'
   * @return this builder
   * @throws NullPointerException if {@code namespace} is null
   * @throws IllegalArgumentException if {@code namespace} breaks the rule
   */
  public TieredCacheBuilder<K, V> namespace(String namespace) {
    config.namespace = requireName(namespace, "namespace");
    return this;
  }

  /**
   * Bounds the in-memory tier by number of entries.
   *
   * @param maximumSize the most entries kept in memory; at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code maximumSize} is below 1
   * @throws IllegalStateException if a size or weight bound was already set
   */
  public TieredCacheBuilder<K, V> maximumSize(long maximumSize) {
    requireNoBound();
    config.maximumSize = Check.atLeast(maximumSize, 1, "maximumSize");
    return this;
  }

  /**
   * Bounds the in-memory tier by total weight.
   *
   * @param maximumWeight the most total weight kept in memory; at least 1
   * @param weigher the weight of one entry (negative entries weigh 1)
   * @return this builder
   * @throws NullPointerException if {@code weigher} is null
   * @throws IllegalArgumentException if {@code maximumWeight} is below 1
   * @throws IllegalStateException if a size or weight bound was already set
   */
  public TieredCacheBuilder<K, V> maximumWeight(long maximumWeight, Weigher<? super K, ? super V> weigher) {
    requireNoBound();
    Check.atLeast(maximumWeight, 1, "maximumWeight");
    config.weigher = Check.notNull(weigher, "weigher");
    config.maximumWeight = maximumWeight;
    return this;
  }

  /**
   * Sets how long a value is fresh after it was loaded or put (default: no expiry).
   *
   * @param ttl a positive duration
   * @return this builder
   * @throws NullPointerException if {@code ttl} is null
   * @throws IllegalArgumentException if {@code ttl} is not positive
   */
  public TieredCacheBuilder<K, V> ttl(Duration ttl) {
    config.ttl = Check.positive(ttl, "ttl");
    return this;
  }

  /**
   * Lets a value past its ttl be served for {@code window} more while one background refresh
   * runs (default: zero, a value past its ttl is a miss). Requires a ttl.
   *
   * @param window zero or a positive duration
   * @return this builder
   * @throws NullPointerException if {@code window} is null
   * @throws IllegalArgumentException if {@code window} is negative
   */
  public TieredCacheBuilder<K, V> staleWhileRevalidate(Duration window) {
    config.staleWhileRevalidate = Check.notNegative(window, "staleWhileRevalidate");
    return this;
  }

  /**
   * Turns on fail-safe (default: off): when the loader fails (throws) for a key whose value has
   * expired less than {@code window} ago (after the ttl and any stale window) and was not
   * invalidated, the read answers with that value instead of the failure, and the loader is not
   * called again for the key for {@code retryAfter} (reads meanwhile get the same value). Counted
   * in {@code failSafeServed} and marked as {@code cache-failsafe} in Server-Timing. Needs a ttl;
   * negative ("no value") entries are never served this way. Values stay in memory for the ttl,
   * the stale window and this window; Redis keeps them for the ttl and the stale window only.
   *
   * @param window how long after expiry a value may still answer for a failing loader, positive
   * @param retryAfter how long a fail-safe answer is reused before the loader is tried again;
   *     positive and at most {@code window}
   * @return this builder
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if a duration breaks its rule
   */
  public TieredCacheBuilder<K, V> failSafe(Duration window, Duration retryAfter) {
    Check.positive(window, "failSafe window");
    Check.positive(retryAfter, "failSafe retryAfter");
    Check.argument(retryAfter.compareTo(window) <= 0,
        "failSafe retryAfter must not exceed the window, was %s with window %s", retryAfter, window);
    config.failSafe = window;
    config.failSafeRetry = retryAfter;
    return this;
  }

  /**
   * Bounds how long a read waits for its loader (default: no bound), without stopping the load:
   * after {@code soft} the read answers with the fail-safe value when there is one (so a soft
   * timeout needs {@link #failSafe}); after {@code hard} with that value or a {@link
   * CacheLoadException}. The load goes on in the background and stores its value as any load
   * does: not when an invalidation overtook it. With a timeout, the loader of {@code get} runs on
   * the {@link #executor}, not on the caller's thread.
   *
   * @param soft zero for none, or shorter than {@code hard} when that is set
   * @param hard zero for none
   * @return this builder
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if either is negative, both are zero, or soft is not shorter
   *     than a hard timeout
   */
  public TieredCacheBuilder<K, V> loaderTimeouts(Duration soft, Duration hard) {
    Check.notNegative(soft, "loaderTimeouts soft");
    Check.notNegative(hard, "loaderTimeouts hard");
    Check.argument(!(soft.isZero() && hard.isZero()),
        "loaderTimeouts needs a soft or a hard timeout, both were zero");
    Check.argument(hard.isZero() || soft.compareTo(hard) < 0,
        "loaderTimeouts soft must be shorter than hard, was soft %s with hard %s", soft, hard);
    config.softTimeout = soft;
    config.hardTimeout = hard;
    return this;
  }

  /**
   * Refreshes a value in the background when it is read after this age, before it expires
   * (default: off). Must be shorter than the ttl.
   *
   * @param age a positive duration
   * @return this builder
   * @throws NullPointerException if {@code age} is null
   * @throws IllegalArgumentException if {@code age} is not positive
   */
  public TieredCacheBuilder<K, V> refreshAfter(Duration age) {
    config.refreshAfter = Check.positive(age, "refreshAfter");
    return this;
  }

  /**
   * Caches "no value" (a loader returning null) for this long (default: zero, not cached).
   *
   * @param negativeTtl zero or a positive duration
   * @return this builder
   * @throws NullPointerException if {@code negativeTtl} is null
   * @throws IllegalArgumentException if {@code negativeTtl} is negative
   */
  public TieredCacheBuilder<K, V> negativeTtl(Duration negativeTtl) {
    config.negativeTtl = Check.notNegative(negativeTtl, "negativeTtl");
    return this;
  }

  /**
   * Puts Redis behind the in-memory tier (default: none, in-memory only). Requires a codec.
   *
   * @param redisTier an open Redis tier, possibly shared by several caches of distinct namespaces
   * @param codec turns values into bytes and back, e.g. {@code Codec.json(Photo.class)}
   * @return this builder
   * @throws NullPointerException if an argument is null
   */
  public TieredCacheBuilder<K, V> redisTier(RedisTier redisTier, Codec<V> codec) {
    this.redisTier = Check.notNull(redisTier, "redisTier");
    config.codec = Check.notNull(codec, "codec");
    return this;
  }

  /**
   * Compresses values (gzip) in Redis when their encoding is longer than this (default 8192).
   *
   * @param bytes at least 0; {@code Integer.MAX_VALUE} turns compression off
   * @return this builder
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public TieredCacheBuilder<K, V> compressAbove(int bytes) {
    Check.argument(bytes >= 0, "compressAbove must not be negative, was %d", bytes);
    config.compressAboveBytes = bytes;
    return this;
  }

  /**
   * Keeps values whose stored form is longer than this out of Redis (default 1 MiB); they stay
   * in memory and are counted in {@link CacheStats#l2OversizeSkips()}.
   *
   * @param bytes at least 1
   * @return this builder
   * @throws IllegalArgumentException if {@code bytes} is below 1
   */
  public TieredCacheBuilder<K, V> maxValueBytes(int bytes) {
    config.maxValueBytes = Check.atLeast(bytes, 1, "maxValueBytes");
    return this;
  }

  /**
   * Records load and Redis latencies into a shared registry, as {@code hotpath.cache.load{cache=<name>}}
   * and {@code hotpath.cache.l2{cache=<name>}} (default: a registry of this cache's own).
   *
   * @param registry the registry
   * @return this builder
   * @throws NullPointerException if {@code registry} is null
   */
  public TieredCacheBuilder<K, V> metrics(LatencyRegistry registry) {
    config.metrics = Check.notNull(registry, "metrics registry");
    return this;
  }

  /**
   * Sets the clock of the in-memory tier (default: {@link Ticker#system()}); for tests.
   *
   * @param ticker the ticker
   * @return this builder
   * @throws NullPointerException if {@code ticker} is null
   */
  public TieredCacheBuilder<K, V> ticker(Ticker ticker) {
    config.ticker = Check.notNull(ticker, "ticker");
    return this;
  }

  /**
   * Sets where background refreshes run (default: the common fork-join pool).
   *
   * @param executor the executor
   * @return this builder
   * @throws NullPointerException if {@code executor} is null
   */
  public TieredCacheBuilder<K, V> executor(Executor executor) {
    config.executor = Check.notNull(executor, "executor");
    return this;
  }

  /**
   * Sets the string form of a key in Redis (default: {@link String#valueOf}). It must be unique
   * per key and the same on every node.
   *
   * @param keyEncoder the encoder; must not return null
   * @return this builder
   * @throws NullPointerException if {@code keyEncoder} is null
   */
  public TieredCacheBuilder<K, V> keyEncoder(Function<? super K, String> keyEncoder) {
    config.keyEncoder = Check.notNull(keyEncoder, "keyEncoder");
    return this;
  }

  /**
   * Sets how many version slots keys and tags hash into (default 16384). Invalidating a key or
   * tag also hides entries whose key or tag shares its slot: a spurious miss, never a stale hit.
   * More slots mean fewer such misses and more memory (8 bytes each). Every node sharing a Redis
   * tier must use the same number.
   *
   * @param slots a power of two from 64 to 1048576
   * @return this builder
   * @throws IllegalArgumentException if {@code slots} breaks the rule
   */
  public TieredCacheBuilder<K, V> invalidationSlots(int slots) {
    Check.argument(slots >= 64 && slots <= (1 << 20) && Integer.bitCount(slots) == 1,
        "invalidationSlots must be a power of two from 64 to 1048576, was %d", slots);
    config.invalidationSlots = slots;
    return this;
  }

  /**
   * Loads a missing key once across nodes (default: off, once per node): the first node to miss
   * takes a short Redis lock ({@code SET NX PX}) for the key and loads; the others poll Redis for
   * its value for at most {@code maxWait}, then load themselves. The lock expires after
   * {@code maxWait}, so a node that dies while loading holds nobody up for longer. Requires a
   * Redis tier.
   *
   * @param maxWait a positive duration of at most one minute
   * @return this builder
   * @throws NullPointerException if {@code maxWait} is null
   * @throws IllegalArgumentException if {@code maxWait} is not positive or over one minute
   */
  public TieredCacheBuilder<K, V> crossNodeLoadLock(Duration maxWait) {
    Check.positive(maxWait, "crossNodeLoadLock");
    Check.argument(maxWait.compareTo(Duration.ofMinutes(1)) <= 0,
        "crossNodeLoadLock must be at most PT1M, was %s", maxWait);
    config.crossNodeLock = maxWait;
    return this;
  }

  /**
   * Builds the cache; with a Redis tier it subscribes to invalidations before returning.
   *
   * @param <K1> the key type
   * @param <V1> the value type
   * @return a new cache
   * @throws IllegalStateException if no size or weight bound was set, if a stale-while-revalidate
   *     window or refreshAfter is set without a ttl, if refreshAfter is not shorter than the ttl,
   *     if crossNodeLoadLock is set without a Redis tier, or if the Redis tier is closed or already has a cache with this namespace
   */
  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> TieredCache<K1, V1> build() {
    String name = config.name;
    Check.state(config.maximumSize != UNSET || config.maximumWeight != UNSET,
        "cache '%s' needs maximumSize or maximumWeight", name);
    Duration ttl = config.ttl;
    Check.state(ttl != null || (config.staleWhileRevalidate.isZero() && config.refreshAfter == null),
        "cache '%s': staleWhileRevalidate and refreshAfter need a ttl", name);
    Check.state(ttl != null || config.failSafe.isZero(), "cache '%s': failSafe needs a ttl", name);
    Check.state(config.softTimeout.isZero() || !config.failSafe.isZero(),
        "cache '%s': a soft loader timeout needs failSafe (it answers with the fail-safe value)", name);
    Check.state(config.refreshAfter == null || config.refreshAfter.compareTo(ttl) < 0,
        "refreshAfter must be shorter than ttl, was %s with ttl %s", config.refreshAfter, ttl);
    Check.state(redisTier != null || config.crossNodeLock.isZero(),
        "cache '%s': crossNodeLoadLock needs a redisTier", name);
    CacheConfig<K, V> built = config.copy();
    built.l2 = redisTier == null ? null : redisTier.connections();
    if (built.metrics == null) {
      built.metrics = LatencyRegistry.create();
    }
    return (TieredCache<K1, V1>) new DefaultTieredCache<>(built);
  }

  private void requireNoBound() {
    Check.state(config.maximumSize == UNSET && config.maximumWeight == UNSET,
        "a bound was already set: maximumSize %d, maximumWeight %d", config.maximumSize, config.maximumWeight);
  }

  static String requireName(String value, String what) {
    Check.notNull(value, what);
    Check.argument(NAME.matcher(value).matches(),
        "%s must be 1 to 100 letters, digits, '.', '-' or '_', was \"%s\"", what, value);
    return value;
  }
}
