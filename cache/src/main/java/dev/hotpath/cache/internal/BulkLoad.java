package dev.hotpath.cache.internal;

import dev.hotpath.cache.BulkLoader;
import dev.hotpath.cache.CacheLoadException;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.ServerTiming;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@link TieredCache#getAll} call of a {@link DefaultTieredCache}: sorts the keys into memory
 * hits and misses, captures the misses' slot versions before Redis is read or the loader runs
 * (invariant 2), takes what Redis holds in one round trip and loads the rest with one call of the
 * {@link BulkLoader}. A failing loader fails the whole call: nothing it returned is cached.
 */
final class BulkLoad<K, V> {
  private final DefaultTieredCache<K, V> cache;
  private final BulkLoader<? super K, ? extends V> loader;
  /** Looked up once: Redis hits and the load are counted into the caller's request. */
  private final ServerTiming timing = RequestTiming.current();
  /** The values for the caller; keys without a value stay out. */
  private final Map<K, V> found = new LinkedHashMap<>();
  /** The misses by key string, in the caller's order; Redis hits leave it. */
  private final Map<String, K> missing = new LinkedHashMap<>();
  /** Each miss's slots and their versions, captured before Redis is read or the loader runs. */
  private final Map<K, Captured> captured = new HashMap<>();

  private record Captured(int[] slots, long[] versions) {}

  BulkLoad(DefaultTieredCache<K, V> cache, BulkLoader<? super K, ? extends V> loader) {
    this.cache = cache;
    this.loader = loader;
  }

  /** Returns the values of {@code keys}: memory first, then Redis, then one bulk load. */
  Map<K, V> run(Collection<? extends K> keys) {
    partition(keys);
    if (missing.isEmpty()) {
      return found;
    }
    missing.forEach(
        (keyString, key) -> {
          int[] slots = TagRules.slotsOf(cache.versions, keyString, DefaultTieredCache.NO_TAGS);
          captured.put(key, new Captured(slots, cache.versions.capture(slots)));
        });
    if (cache.l2 != null) {
      readRedis();
    }
    if (!missing.isEmpty()) {
      loadMissing();
    }
    return found;
  }

  private void partition(Collection<? extends K> keys) {
    for (K key : keys) {
      Objects.requireNonNull(key, "keys must not contain null");
      Entry<V> entry = cache.currentEntry(key);
      if (entry != null) {
        cache.counters.l1Hits.increment();
        RequestTiming.hit(timing, 0);
        serve(key, entry.value);
      } else {
        cache.counters.l1Misses.increment();
        missing.put(cache.keyString(key), key);
      }
    }
  }

  private void readRedis() {
    long redisStart = System.nanoTime();
    Map<String, Entry<V>> remotes = cache.l2.readAll(missing.keySet());
    long redisNanos = System.nanoTime() - redisStart;
    for (Map.Entry<String, Entry<V>> remote : remotes.entrySet()) {
      K key = missing.remove(remote.getKey());
      cache.install(key, remote.getValue());
      serve(key, remote.getValue().value);
      // One round trip served them all: its time goes to the first hit, the others add none.
      RequestTiming.hit(timing, redisNanos);
      redisNanos = 0;
    }
  }

  /** One loader call for every remaining miss; a key it leaves out is cached as "no value". */
  private void loadMissing() {
    Map<K, V> loaded = new HashMap<>();
    long start = System.nanoTime();
    try {
      Map<? super K, ? extends V> result = loader.loadAll(Set.copyOf(missing.values()));
      for (K key : missing.values()) {
        loaded.put(key, result == null ? null : result.get(key));
      }
    } catch (RuntimeException | Error e) {
      cache.counters.loadFailures.increment();
      throw e;
    } catch (Exception e) {
      cache.counters.loadFailures.increment();
      throw new CacheLoadException(
          "bulk load of " + missing.size() + " keys in cache " + cache.name() + " failed", e);
    } finally {
      cache.recordLoad(System.nanoTime() - start, timing);
    }
    cache.counters.loads.increment();
    missing.forEach(
        (keyString, key) -> {
          V value = loaded.get(key);
          Captured before = captured.get(key);
          cache.store(key, keyString, value, before.slots(), before.versions());
          serve(key, value);
        });
  }

  private void serve(K key, V value) {
    if (value != null) {
      found.put(key, value);
    }
  }
}
