package dev.hotpath.examples.responsecache;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.servlet.CachedResponse;
import dev.hotpath.servlet.ResponseCacheFilter;
import dev.hotpath.servlet.ResponseStore;
import java.util.Set;

/**
 * A {@link ResponseStore} over a {@link TieredCache}, so {@link ResponseCacheFilter}'s pages
 * live in memory and in Redis, are shared by every node, and a tag invalidation on one node
 * drops them on all. It lives here, where both modules are visible, because servlet-adapter
 * must not depend on the cache block. Build the cache without negative caching (a miss must
 * stay a miss) and with {@code Codec.json(CachedResponse.class)} for its Redis tier; its ttl is
 * only an upper bound, the filter's rules decide freshness.
 */
public final class TieredResponseStore implements ResponseStore {
  private final TieredCache<String, CachedResponse> cache;

  /**
   * Wraps a cache.
   *
   * @param cache the cache of pages
   */
  public TieredResponseStore(TieredCache<String, CachedResponse> cache) {
    this.cache = cache;
  }

  @Override
  public CachedResponse get(String key) {
    return cache.get(key, absent -> null); // no value: the filter renders and puts
  }

  @Override
  public void put(String key, CachedResponse response, Set<String> tags) {
    cache.put(key, response, tags);
  }

  @Override
  public void invalidateTag(String tag) {
    cache.invalidateTag(tag);
  }
}
