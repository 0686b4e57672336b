package dev.hotpath.resilience;

import java.util.function.Function;

/**
 * The result cache a {@link Guard} consults first in {@link Guard#call}: return the cached value
 * for the key, or compute it with the loader (which runs the rest of the guard) and keep it.
 * Its shape is that of a get-or-load method such as Caffeine's {@code Cache::get}, so a method
 * reference fits without this module depending on any cache; a {@code TieredCache}, whose loader
 * type is its own, fits as {@code (key, load) -> tieredCache.get(key, load::apply)}.
 *
 * <p>Failures thrown by the loader must propagate to the caller and must not be cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface ResultCache<K, V> {

  /**
   * Returns the value cached for {@code key}, loading and caching it when absent.
   *
   * @param key the call's key
   * @param loader computes the value when it is not cached
   * @return the cached or loaded value
   */
  V get(K key, Function<? super K, ? extends V> loader);
}
