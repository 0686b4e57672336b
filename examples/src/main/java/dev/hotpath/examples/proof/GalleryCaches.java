package dev.hotpath.examples.proof;

import dev.hotpath.cache.CacheLoader;
import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.examples.gallery.Labels;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.resilience.ResultCache;
import java.time.Duration;
import java.util.Collection;

/**
 * The scale gallery's caches, or none: with caching off every lookup runs its loader, so the
 * same code serves {@link ProofMode#HOTPATH} and {@link ProofMode#HOTPATH_NO_CACHE}.
 *
 * <p>Tags say what an upload changes: the first list page ({@link #NEWEST}), the search results
 * of each word of its description ({@code word:<w>}) and the tag pages of its tags
 * ({@code tag:<t>}). Pages after a keyset cursor never change when newer photos arrive, so they
 * carry no tag at all.
 */
final class GalleryCaches implements AutoCloseable {

  /** The tag of the first page of the list. */
  static final String NEWEST = "newest";

  private final TieredCache<String, ScalePage> pages;
  private final TieredCache<Long, PhotoDetail> details;
  private final TieredCache<Long, Labels> labels;
  private final RedisTier redis;

  private GalleryCaches(LatencyRegistry metrics, RedisTier redis, boolean on) {
    this.redis = redis;
    pages = on ? cache("pages", ScalePage.class, metrics, redis) : null;
    details = on ? cache("details", PhotoDetail.class, metrics, redis) : null;
    labels = on ? cache("labels", Labels.class, metrics, redis) : null;
    if (on && redis != null) {
      // The dataset is reset at each start: what Redis kept from an earlier run may be stale.
      pages.invalidateAll();
      details.invalidateAll();
      labels.invalidateAll();
    }
  }

  /**
   * Caches in memory, plus Redis when {@code redis} is given.
   *
   * @param metrics where cache latencies go
   * @param redis the second tier, or null; closed with the caches
   * @return the caches
   */
  static GalleryCaches on(LatencyRegistry metrics, RedisTier redis) {
    return new GalleryCaches(metrics, redis, true);
  }

  /**
   * No caching: every lookup loads.
   *
   * @return pass-through caches
   */
  static GalleryCaches off() {
    return new GalleryCaches(null, null, false);
  }

  private static <K, V> TieredCache<K, V> cache(String name, Class<V> type,
      LatencyRegistry metrics, RedisTier redis) {
    var builder = TieredCache.<K, V>builder(name)
        .maximumSize(50_000)
        .ttl(Duration.ofMinutes(10))
        .metrics(metrics);
    if (redis != null) {
      builder.redisTier(redis, Codec.json(type));
    }
    TieredCache<K, V> cache = builder.build();
    return cache;
  }

  ScalePage page(String key, Collection<String> tags, CacheLoader<String, ScalePage> loader)
      throws Exception {
    return pages == null ? loader.load(key) : pages.get(key, tags, loader);
  }

  PhotoDetail detail(long id, CacheLoader<Long, PhotoDetail> loader) throws Exception {
    return details == null ? loader.load(id) : details.get(id, loader);
  }

  /**
   * Returns the guard's result cache for labels: the labels cache, or one that always loads.
   *
   * @return the guard's result cache
   */
  ResultCache<Long, Labels> labels() {
    return labels == null
        ? (photoId, load) -> load.apply(photoId)
        : (photoId, load) -> labels.get(photoId, load::apply);
  }

  void invalidateTags(Collection<String> tags) {
    if (pages != null) {
      tags.forEach(pages::invalidateTag);
    }
  }

  @Override
  public void close() {
    if (pages != null) {
      pages.close();
      details.close();
      labels.close();
    }
    if (redis != null) {
      redis.close();
    }
  }
}
