package dev.hotpath.cache;

/**
 * Computes the value of one key on a cache miss.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface CacheLoader<K, V> {

  /**
   * Loads the value for {@code key}.
   *
   * @param key the missing key, never null
   * @return the value, or null for "no value" (cached as a negative entry when the cache has a
   *     negative-caching ttl, otherwise not cached)
   * @throws Exception if the value cannot be loaded; nothing is cached
   */
  V load(K key) throws Exception;
}
