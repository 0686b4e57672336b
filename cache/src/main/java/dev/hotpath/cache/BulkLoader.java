package dev.hotpath.cache;

import java.util.Map;
import java.util.Set;

/**
 * Computes the values of several missing keys in one call (one query instead of N).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface BulkLoader<K, V> {

  /**
   * Loads the values for {@code keys}.
   *
   * @param keys the missing keys, never empty, never containing null
   * @return the values found; a requested key absent from the map (or mapped to null) means "no
   *     value"; keys that were not requested are ignored
   * @throws Exception if the values cannot be loaded; nothing is cached
   */
  Map<K, V> loadAll(Set<K> keys) throws Exception;
}
