package dev.hotpath.cache.internal;

import dev.hotpath.core.Ticker;

/** Turns a cache's ttl settings into the deadlines of each new entry, on the cache's ticker. */
final class Lifetimes {
  private final Ticker ticker;
  private final long ttl;
  private final long stale;
  private final long refreshAfter;
  private final long negativeTtl;
  private final long failSafe;
  private final long failSafeRetry;

  Lifetimes(CacheConfig<?, ?> config) {
    this.ticker = config.ticker;
    this.ttl = config.ttlNanos();
    this.stale = config.staleNanos();
    this.refreshAfter = config.refreshAfterNanos();
    this.negativeTtl = config.negativeTtlNanos();
    this.failSafe = config.failSafeNanos();
    this.failSafeRetry = config.failSafeRetryNanos();
  }

  /**
   * Whether a hit must read the clock: only stale-while-revalidate, refresh-ahead and fail-safe
   * (whose entries outlive their expiry in memory) need it.
   */
  private boolean timed() {
    return stale > 0 || refreshAfter > 0 || failSafe > 0;
  }

  /** How long any positive entry may stay in memory: ttl, stale and fail-safe windows, or forever. */
  long longestLifetime() {
    return plus(plus(ttl, stale), failSafe);
  }

  /**
   * The entry that answers for a failing loader: {@code expired}'s value and versions, reused
   * without calling the loader until the retry delay has passed, never past the fail-safe window.
   * Null when fail-safe is off or {@code expired} is negative or out of its window.
   */
  <V> Entry<V> failSafeEntry(Entry<V> expired) {
    long now = ticker.read();
    if (failSafe == 0 || expired.value == null || now >= expired.failSafeUntil) {
      return null;
    }
    long retryAt = Math.min(plus(now, failSafeRetry), expired.failSafeUntil);
    return new Entry<>(expired.value, expired.slots, expired.versions, retryAt, retryAt, retryAt, expired.failSafeUntil, true);
  }

  boolean cachesNegatives() {
    return negativeTtl > 0;
  }

  long now() {
    return ticker.read();
  }

  /**
   * Creates an entry that starts its life now (also when read from Redis: Redis keeps a value
   * for its lifetime from the write, memory for its lifetime from the read). Negative entries and
   * entries of a cache with a stale window or refresh-ahead check the clock on every hit.
   */
  <V> Entry<V> entry(V value, int[] slots, long[] versions) {
    long born = ticker.read();
    if (value == null) {
      long end = plus(born, negativeTtl);
      return new Entry<>(null, slots, versions, end, end, end, end, true);
    }
    long freshUntil = plus(born, ttl);
    long refreshAt = refreshAfter > 0 ? plus(born, refreshAfter) : freshUntil;
    long expiresAt = plus(freshUntil, stale);
    return new Entry<>(value, slots, versions, refreshAt, freshUntil, expiresAt, plus(expiresAt, failSafe), timed());
  }

  /** Milliseconds the entry has left, for the Redis expiry; 0 means "no expiry". */
  long remainingMillis(Entry<?> entry) {
    if (entry.expiresAt == Long.MAX_VALUE) {
      return 0;
    }
    return Math.max(1, (entry.expiresAt - ticker.read()) / 1_000_000);
  }

  private static long plus(long time, long duration) {
    long sum = time + duration;
    return duration == Long.MAX_VALUE || ((time ^ sum) & (duration ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
