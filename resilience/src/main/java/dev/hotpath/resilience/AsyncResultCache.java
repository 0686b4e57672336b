package dev.hotpath.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The asynchronous twin of {@link ResultCache}, consulted first by {@link Guard#callAsync}.
 *
 * <p>A failed load must fail the returned future and must not be cached.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface AsyncResultCache<K, V> {

  /**
   * Returns a future of the value cached for {@code key}, loading and caching it when absent.
   *
   * @param key the call's key
   * @param loader starts the load when the value is not cached
   * @return a future of the cached or loaded value
   */
  CompletableFuture<V> get(K key, Function<? super K, ? extends CompletionStage<V>> loader);
}
