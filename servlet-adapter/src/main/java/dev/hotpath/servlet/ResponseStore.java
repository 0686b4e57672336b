package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.internal.InMemoryResponseStore;
import java.util.Set;

/**
 * Where {@link ResponseCacheFilter} keeps responses. Small on purpose, so any cache fits without
 * this module depending on it; a {@code TieredCache<String, CachedResponse>} (memory plus Redis,
 * shared by every node, tags invalidated on every node) fits as
 *
 * <pre>{@code
 * ResponseStore store = new ResponseStore() {
 *   public CachedResponse get(String key) { return cache.get(key, k -> null); }
 *   public void put(String key, CachedResponse r, Set<String> tags) { cache.put(key, r, tags); }
 *   public void invalidateTag(String tag) { cache.invalidateTag(tag); }
 * };
 * }</pre>
 *
 * with {@code Codec.json(CachedResponse.class)} for Redis and no negative caching. Keys are
 * SHA-256 digests, never a request's text. Implementations must be thread-safe; a store that
 * fails should return null (a miss) rather than throw.
 */
public interface ResponseStore {
  /**
   * Returns the response stored under the key.
   *
   * @param key the key, 64 hex digits
   * @return the response, or null when none is stored
   */
  CachedResponse get(String key);

  /**
   * Stores a response, replacing what the key held.
   *
   * @param key the key
   * @param response the response
   * @param tags the tags a later {@link #invalidateTag} drops it by
   */
  void put(String key, CachedResponse response, Set<String> tags);

  /**
   * Drops every response stored with the tag (on every node, for a shared store).
   *
   * @param tag the tag
   */
  void invalidateTag(String tag);

  /**
   * A store in this JVM's memory of at most {@code maxEntries} responses (Caffeine, size
   * eviction, entries expire when their stale window ends). {@link #invalidateTag} scans the
   * entries, so it costs time linear in their number: fine for thousands; for more, or for
   * several nodes, use a {@code TieredCache}.
   *
   * @param maxEntries the bound, at least 1
   * @return a new store
   * @throws IllegalArgumentException when {@code maxEntries} is less than 1
   */
  static ResponseStore inMemory(int maxEntries) {
    return new InMemoryResponseStore(Check.atLeast(maxEntries, 1, "maxEntries"));
  }
}
