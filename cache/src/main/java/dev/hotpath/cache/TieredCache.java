package dev.hotpath.cache;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A two-tier cache: Caffeine in memory (L1), optionally Redis behind it (L2), with invalidation by
 * key, by tag and in full that reaches every node sharing the Redis tier.
 *
 * <p>Reads never fail because of Redis: when Redis is slow, down or returns garbage, reads are
 * answered from memory and the loader (see the module README for the full consistency model).
 * Concurrent misses of one key on one node run the loader once; the others share its outcome.
 *
 * <p>Keys must implement {@code equals}/{@code hashCode}; with a Redis tier, the key's string form
 * (by default {@link String#valueOf}) names it in Redis and must be unique and stable across nodes.
 * All methods are thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface TieredCache<K, V> extends AutoCloseable {

  /**
   * Starts a builder.
   *
   * @param name the cache name, the {@code cache} tag of its metrics and (unless a namespace is
   *     set) part of its Redis keys; an instance name ({@code TagValues.requireInstanceName}: 1 to
   *     64 letters, digits, '.', '-' or '_')
   * @param <K> the key type
   * @param <V> the value type
   * @return a new builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} breaks the rule above
   */
  static <K, V> TieredCacheBuilder<K, V> builder(String name) {
    return new TieredCacheBuilder<>(name);
  }

  /**
   * Returns the cache name.
   *
   * @return the name given to the builder
   */
  String name();

  /**
   * Returns the value of {@code key}, loading it with {@code loader} on a miss.
   *
   * @param key the key
   * @param loader computes the value on a miss
   * @return the value, or null when the loader found none
   * @throws NullPointerException if {@code key} or {@code loader} is null
   * @throws CacheLoadException if the loader threw a checked exception or the caller was
   *     interrupted while waiting for another caller's load
   */
  V get(K key, CacheLoader<? super K, ? extends V> loader);

  /**
   * Returns the value of {@code key}, loading it with {@code loader} on a miss and tagging the
   * loaded entry with {@code tags}, so that {@link #invalidateTag} of any of them hides it.
   *
   * @param key the key
   * @param tags the tags of the loaded value; at most 32, each 1 to 256 characters without
   *     control characters
   * @param loader computes the value on a miss
   * @return the value, or null when the loader found none
   * @throws NullPointerException if an argument or a tag is null
   * @throws IllegalArgumentException if a tag or the number of tags breaks the rule above
   * @throws CacheLoadException if the loader threw a checked exception or the caller was
   *     interrupted while waiting for another caller's load
   */
  V get(K key, Collection<String> tags, CacheLoader<? super K, ? extends V> loader);

  /**
   * Returns the value of {@code key} without blocking for a load: a hit completes at once, a miss
   * consults Redis and then {@code loader} asynchronously.
   *
   * @param key the key
   * @param tags the tags of the loaded value (rules as in {@link #get(Object, Collection,
   *     CacheLoader)}); may be empty
   * @param loader starts the load of a missing value
   * @return a future of the value (null when none); it fails with the loader's exception
   * @throws NullPointerException if an argument or a tag is null
   * @throws IllegalArgumentException if a tag breaks the rules
   */
  CompletableFuture<V> getAsync(
      K key,
      Collection<String> tags,
      Function<? super K, ? extends CompletionStage<? extends V>> loader);

  /**
   * Returns the values of {@code keys}, loading all misses with one call of {@code loader}.
   * Bulk loads are not de-duplicated against concurrent single-key loads.
   *
   * @param keys the keys
   * @param loader loads the keys that neither tier holds
   * @return the values found, keyed by key; keys without a value are absent
   * @throws NullPointerException if an argument or a key is null
   * @throws CacheLoadException if the loader threw a checked exception
   */
  Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<? super K, ? extends V> loader);

  /**
   * Stores a value in both tiers with tags, replacing any previous value.
   *
   * @param key the key
   * @param value the value
   * @param tags the tags (rules as in {@link #get(Object, Collection, CacheLoader)})
   * @throws NullPointerException if an argument or a tag is null (use {@link #invalidate} to
   *     remove a value)
   * @throws IllegalArgumentException if a tag breaks the rules
   */
  void put(K key, V value, Collection<String> tags);

  /**
   * Removes {@code key} from both tiers on every node. A load of {@code key} that began before
   * this call never installs its value.
   *
   * @param key the key
   * @throws NullPointerException if {@code key} is null
   */
  void invalidate(K key);

  /**
   * Hides every entry tagged {@code tag}, on every node, in O(1): the tag's version is raised,
   * entries remember the versions their load began with, and older entries count as missing.
   *
   * @param tag the tag
   * @throws NullPointerException if {@code tag} is null
   * @throws IllegalArgumentException if {@code tag} is empty, longer than 256 characters or has
   *     control characters
   */
  void invalidateTag(String tag);

  /** Hides every entry of this cache, in both tiers, on every node. */
  void invalidateAll();

  /**
   * Returns the counters of this cache.
   *
   * @return a snapshot of the counters
   */
  CacheStats stats();

  /** Stops listening for invalidations and releases the cache; the Redis tier stays open. */
  @Override
  void close();
}
