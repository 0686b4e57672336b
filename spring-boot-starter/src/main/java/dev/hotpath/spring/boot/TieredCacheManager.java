package dev.hotpath.spring.boot;

import dev.hotpath.cache.TieredCache;
import dev.hotpath.servlet.ResponseStore;
import dev.hotpath.spring.boot.internal.TieredSpringCache;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

/**
 * A Spring {@link CacheManager} over the tiered caches declared in
 * {@code hotpath.cache.caches}, so {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict}
 * use them: {@code @Cacheable(sync = true)} loads each key once however many callers miss it at
 * once, and {@code @CacheEvict(allEntries = true)} is {@link TieredCache#invalidateAll()}. With a
 * Redis tier every eviction reaches every node. Inject it to invalidate by tag from Spring code.
 *
 * <p>Only declared caches exist: {@link #getCache(String)} returns null for any other name (and
 * Spring's cache interceptor then fails naming it), so a typo never becomes an unbounded cache.
 * Thread-safe; closing the application context closes the caches.
 */
public final class TieredCacheManager implements CacheManager, AutoCloseable {
  private final Map<String, TieredSpringCache> caches;
  private final List<ResponseStore> pages;

  TieredCacheManager(Map<String, TieredSpringCache> caches) {
    this(caches, List.of());
  }

  TieredCacheManager(Map<String, TieredSpringCache> caches, List<ResponseStore> pages) {
    this.caches = Map.copyOf(new LinkedHashMap<>(caches));
    this.pages = List.copyOf(pages);
  }

  @Override
  public Cache getCache(String name) {
    return caches.get(name);
  }

  @Override
  public Collection<String> getCacheNames() {
    return Set.copyOf(caches.keySet());
  }

  /**
   * Returns a declared cache itself, for the calls Spring's abstraction lacks (tags per call,
   * bulk loads, stats).
   *
   * @param name the name under {@code hotpath.cache.caches}
   * @return the cache
   * @throws IllegalArgumentException if no cache of that name is declared
   */
  public TieredCache<Object, Object> tieredCache(String name) {
    TieredSpringCache cache = caches.get(name);
    if (cache == null) {
      throw new IllegalArgumentException(
          "no cache '" + name + "' is declared under hotpath.cache.caches; declared: "
              + caches.keySet());
    }
    return cache.getNativeCache();
  }

  /**
   * Hides every entry tagged {@code tag} in every declared cache, and drops the response cache's
   * pages of that tag (when {@code hotpath.servlet.response-cache} keeps them in a tiered
   * cache), on every node.
   *
   * @param tag the tag, such as {@code album:42}
   * @throws IllegalArgumentException if the tag breaks the cache's tag rules
   */
  public void invalidateTag(String tag) {
    caches.values().forEach(cache -> cache.getNativeCache().invalidateTag(tag));
    pages.forEach(store -> store.invalidateTag(tag));
  }

  /** Closes every cache; the Redis tier is closed after them by its own bean. */
  @Override
  public void close() {
    caches.values().forEach(cache -> cache.getNativeCache().close());
  }
}
