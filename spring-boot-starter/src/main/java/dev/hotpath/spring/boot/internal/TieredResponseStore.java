package dev.hotpath.spring.boot.internal;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.servlet.CachedResponse;
import dev.hotpath.servlet.ResponseStore;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The response cache's pages in a {@link TieredCache}: in memory and, with a Redis tier, in
 * Redis, shared by every node, so a tag invalidation on one node drops them on all. The cache
 * must be built without negative caching (a miss stays a miss) and with
 * {@code Codec.json(CachedResponse.class)} for Redis; its ttl is only an upper bound, the
 * filter's rules decide freshness.
 *
 * <p>As {@link ResponseStore} asks, a failing lookup or store is a miss, never an error page:
 * the request is rendered by the application and the failure counted in {@link #failures()}.
 * An invalidation that fails throws, so the caller (an upload) learns the pages may be stale.
 */
public final class TieredResponseStore implements ResponseStore, AutoCloseable {
  private final TieredCache<String, CachedResponse> cache;
  private final LongAdder failures = new LongAdder();

  /**
   * Wraps a cache, which this store then closes.
   *
   * @param cache the cache of pages
   */
  public TieredResponseStore(TieredCache<String, CachedResponse> cache) {
    this.cache = cache;
  }

  @Override
  public CachedResponse get(String key) {
    try {
      return cache.get(key, absent -> null);
    } catch (RuntimeException failed) {
      failures.increment();
      return null;
    }
  }

  @Override
  public void put(String key, CachedResponse response, Set<String> tags) {
    try {
      cache.put(key, response, tags);
    } catch (RuntimeException failed) {
      failures.increment();
    }
  }

  @Override
  public void invalidateTag(String tag) {
    cache.invalidateTag(tag);
  }

  /** @return how many lookups and stores failed and were treated as misses */
  public long failures() {
    return failures.sum();
  }

  /** @return the cache itself */
  public TieredCache<String, CachedResponse> cache() {
    return cache;
  }

  /** Closes the cache. */
  @Override
  public void close() {
    cache.close();
  }
}
