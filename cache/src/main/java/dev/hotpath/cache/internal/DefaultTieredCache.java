package dev.hotpath.cache.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import dev.hotpath.cache.BulkLoader;
import dev.hotpath.cache.CacheLoadException;
import dev.hotpath.cache.CacheLoader;
import dev.hotpath.cache.CacheStats;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.SingleFlight;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.MetricId;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The {@link TieredCache}: a Caffeine map of {@link Entry} in front of an optional {@link
 * L2Client}. A hit is one Caffeine lookup plus a version check of the entry's few slots, without
 * locks or allocation; misses go through one {@link SingleFlight} per cache, keyed by {@link
 * FlightKey} so that only misses under the same slot versions share a load.
 */
public final class DefaultTieredCache<K, V> implements TieredCache<K, V> {
  static final List<String> NO_TAGS = List.of();

  private final String name;
  private final Cache<K, Entry<V>> l1;
  private final Lifetimes lifetimes;
  /** Keyed by key and captured versions: a read never joins a load older than itself. */
  private final SingleFlight<FlightKey<K>, V> flights = new SingleFlight<>();
  private final LatencyRecorder loadLatency;
  private final Executor executor;
  /** Null without loader timeouts: then a sync load runs on the caller's thread. */
  private final LoadTimeouts timeouts;
  private final Function<? super K, String> keyEncoder;
  // Package-private, like the helpers it calls: a BulkLoad (getAll) works on them too.
  final VersionTable versions;
  final CacheCounters counters = new CacheCounters();
  final L2Client<V> l2;

  /**
   * Builds the cache from validated settings; with Redis, subscribes to its invalidations.
   *
   * @param config the settings
   */
  public DefaultTieredCache(CacheConfig<K, V> config) {
    this.name = config.name;
    this.versions = new VersionTable(config.invalidationSlots);
    this.lifetimes = new Lifetimes(config);
    this.executor = config.executor;
    this.timeouts =
        config.softTimeoutNanos() == 0 && config.hardTimeoutNanos() == 0
            ? null
            : new LoadTimeouts(name, config.softTimeoutNanos(), config.hardTimeoutNanos());
    this.keyEncoder = config.keyEncoder;
    this.loadLatency = config.metrics.recorder(MetricId.of("hotpath.cache.load", "cache", name));
    this.l1 = buildL1(config);
    this.l2 =
        config.l2 == null
            ? null
            : new L2Client<>(config, versions, lifetimes, counters, l1::invalidateAll);
  }

  private Cache<K, Entry<V>> buildL1(CacheConfig<K, V> config) {
    // Maintenance runs on the calling thread: it is amortized and short (the eviction listener only
    // counts), while handing it to the common pool wakes a pool thread on every write, which on a
    // small machine cost a Redis hit (it installs into L1) about a third of its time in JMH.
    Caffeine<Object, Object> builder =
        Caffeine.newBuilder().ticker(config.ticker::read).executor(Runnable::run);
    if (config.maximumSize > 0) {
      builder.maximumSize(config.maximumSize);
    } else {
      var weigher = config.weigher;
      builder
          .maximumWeight(config.maximumWeight)
          .weigher((K key, Entry<V> entry) -> entry.value == null ? 1 : weigher.weigh(key, entry.value));
    }
    builder.evictionListener((Object key, Object entry, RemovalCause cause) -> counters.evictions.increment());
    // A fixed expiry: Caffeine's per-entry (variable) expiry costs a hit about three times as much.
    // Entries that must go earlier (negative ones) check the clock themselves.
    long lifetime = lifetimes.longestLifetime();
    if (lifetime != Long.MAX_VALUE) {
      builder.expireAfterWrite(Duration.ofNanos(lifetime));
    }
    return builder.build();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public V get(K key, CacheLoader<? super K, ? extends V> loader) {
    return get(key, NO_TAGS, loader);
  }

  @Override
  public V get(K key, Collection<String> tags, CacheLoader<? super K, ? extends V> loader) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(tags, "tags must not be null");
    Objects.requireNonNull(loader, "loader must not be null");
    Entry<V> entry = l1.getIfPresent(key);
    if (entry != null && entry.isCurrent(versions) && (!entry.clocked || served(key, entry, loader))) {
      counters.l1Hits.increment();
      RequestTiming.memoryHit();
      return entry.value;
    }
    counters.l1Misses.increment();
    String keyString = keyString(key);
    int[] slots = TagRules.slotsOf(versions, keyString, tags);
    // Captured before anything is read: every invalidation that completed (or was applied here)
    // before this read began is in it, so the load it runs or joins is not older than the read.
    long[] captured = versions.capture(slots);
    ServerTiming timing = RequestTiming.current();
    if (timeouts != null) {
      return awaitBounded(key, slots, captured, loader, timing);
    }
    try {
      return flights.call(
          new FlightKey<>(key, slots, captured),
          () -> {
            try {
              return loadOnce(key, keyString, slots, captured, loader, timing);
            } catch (InterruptedException e) {
              throw e;
            } catch (Exception e) {
              Entry<V> fallback = failSafe(key, timing);
              if (fallback == null) {
                throw e;
              }
              return fallback.value;
            }
          });
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // Never the key in a message: keys can be user data (DESIGN invariant 10).
      throw new CacheLoadException("interrupted while waiting for a load in cache " + name, e);
    } catch (Exception e) {
      throw new CacheLoadException("a load in cache " + name + " failed", e);
    }
  }

  /**
   * A miss under loader timeouts: the shared load runs on the executor (so this caller can stop
   * waiting) and stays in flight until it completes, so later misses under the same versions join
   * it rather than start another.
   */
  private V awaitBounded(
      K key, int[] slots, long[] captured, CacheLoader<? super K, ? extends V> loader, ServerTiming timing) {
    String keyString = keyString(key);
    CompletableFuture<V> load =
        flights.callAsync(
            new FlightKey<>(key, slots, captured),
            () ->
                CompletableFuture.supplyAsync(
                    () -> {
                      try {
                        return loadOnce(key, keyString, slots, captured, loader, timing);
                      } catch (RuntimeException | Error e) {
                        throw e;
                      } catch (Exception e) {
                        throw new CompletionException(e);
                      }
                    },
                    executor));
    try {
      return timeouts.bound(load, () -> failSafe(key, timing)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheLoadException("interrupted while waiting for a load in cache " + name, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CacheLoadException("a load in cache " + name + " failed", cause);
    }
  }

  /**
   * Decides a hit that needs the clock: false when expired, otherwise true after starting a
   * background refresh when the entry is due for one (counting a stale value served).
   */
  private boolean served(K key, Entry<V> entry, CacheLoader<? super K, ? extends V> loader) {
    long now = lifetimes.now();
    if (now < entry.refreshAt) {
      return true;
    }
    if (now >= entry.expiresAt) {
      return false;
    }
    if (now >= entry.freshUntil) {
      counters.staleServed.increment();
    }
    if (entry.startRefresh()) {
      try {
        executor.execute(() -> refresh(key, entry, loader));
      } catch (RejectedExecutionException e) {
        entry.refreshFailed();
      }
    }
    return true;
  }

  private void refresh(K key, Entry<V> stale, CacheLoader<? super K, ? extends V> loader) {
    try {
      // No request's timing: the reader that started the refresh was served already.
      long[] captured = versions.capture(stale.slots);
      flights.call(
          new FlightKey<>(key, stale.slots, captured),
          () -> loadAndStore(key, keyString(key), stale.slots, captured, loader, null));
    } catch (Exception | Error e) {
      // Counted as a load failure; the stale value stays until it expires, and a later read retries.
      stale.refreshFailed();
    }
  }

  /** Inside the single flight: a flight that just landed may have filled L1, then L2, then load. */
  private V loadOnce(
      K key,
      String keyString,
      int[] slots,
      long[] captured,
      CacheLoader<? super K, ? extends V> loader,
      ServerTiming timing)
      throws Exception {
    Entry<V> landed = currentEntry(key);
    if (landed != null) {
      return landed.value;
    }
    if (l2 == null) {
      return loadAndStore(key, keyString, slots, captured, loader, timing);
    }
    long redisStart = System.nanoTime();
    Entry<V> remote = l2.read(keyString);
    if (remote == null) {
      L2Client.LoadTurn<V> turn = l2.awaitOtherNodeLoad(keyString);
      if (turn.loaded() == null) {
        try {
          return loadAndStore(key, keyString, slots, captured, loader, timing);
        } finally {
          if (turn.locked()) {
            l2.releaseLoadLock(keyString);
          }
        }
      }
      remote = turn.loaded();
    }
    install(key, remote);
    RequestTiming.hit(timing, System.nanoTime() - redisStart);
    return remote.value;
  }

  private V loadAndStore(
      K key,
      String keyString,
      int[] slots,
      long[] captured,
      CacheLoader<? super K, ? extends V> loader,
      ServerTiming timing)
      throws Exception {
    long start = System.nanoTime();
    V value;
    try {
      value = loader.load(key);
    } catch (Exception | Error e) {
      counters.loadFailures.increment();
      throw e;
    } finally {
      recordLoad(System.nanoTime() - start, timing);
    }
    counters.loads.increment();
    store(key, keyString, value, slots, captured);
    return value;
  }

  /**
   * After a failed load: the key's expired value when fail-safe allows it, installed again so the
   * loader is not retried before the retry delay; null otherwise. An invalidated value is never
   * taken (its versions are checked as on a hit, and again by install).
   */
  private Entry<V> failSafe(K key, ServerTiming timing) {
    Entry<V> expired = l1.getIfPresent(key);
    if (expired == null || !expired.isCurrent(versions)) {
      return null;
    }
    Entry<V> retry = lifetimes.failSafeEntry(expired);
    // Only in place of the expired entry: a load that just landed (after a soft timeout) wins.
    if (retry == null || !l1.asMap().replace(key, expired, retry)) {
      return null;
    }
    if (!retry.isCurrent(versions) || !trustsMemory()) {
      l1.asMap().remove(key, retry);
      return null;
    }
    counters.failSafeServed.increment();
    RequestTiming.failSafe(timing);
    return retry;
  }

  void recordLoad(long nanos, ServerTiming timing) {
    loadLatency.record(nanos);
    RequestTiming.load(timing, nanos);
  }

  /** Caches a loaded value unless an invalidation overtook its load (invariant 2). */
  void store(K key, String keyString, V value, int[] slots, long[] captured) {
    if (value == null && !lifetimes.cachesNegatives()) {
      return;
    }
    Entry<V> entry = lifetimes.entry(value, slots, captured);
    if (install(key, entry) && l2 != null) {
      l2.write(keyString, entry);
    }
  }

  /**
   * Puts first and checks after, so an invalidation racing with the put either sees the entry
   * (and removes it) or raised the version the check then sees. An entry already overtaken is not
   * put at all: it would replace the value of a newer load of the same key. Nothing is kept while
   * the Redis tier's subscription is deaf (checked after the put too, as the versions are).
   */
  boolean install(K key, Entry<V> entry) {
    if (!entry.isCurrent(versions) || !trustsMemory()) {
      return false;
    }
    l1.put(key, entry);
    if (entry.isCurrent(versions) && trustsMemory()) {
      return true;
    }
    l1.asMap().remove(key, entry);
    return false;
  }

  private boolean trustsMemory() {
    return l2 == null || l2.trustsMemory();
  }

  /** The current, fresh memory entry of {@code key}, or null (a stale one counts as missing). */
  Entry<V> currentEntry(K key) {
    Entry<V> entry = l1.getIfPresent(key);
    if (entry == null || !entry.isCurrent(versions)) {
      return null;
    }
    return entry.clocked && lifetimes.now() >= entry.freshUntil ? null : entry;
  }

  @Override
  public CompletableFuture<V> getAsync(
      K key, Collection<String> tags, Function<? super K, ? extends CompletionStage<? extends V>> loader) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(tags, "tags must not be null");
    Objects.requireNonNull(loader, "loader must not be null");
    Entry<V> entry = l1.getIfPresent(key);
    if (entry != null
        && entry.isCurrent(versions)
        && (!entry.clocked || served(key, entry, k -> loader.apply(k).toCompletableFuture().get()))) {
      counters.l1Hits.increment();
      RequestTiming.memoryHit();
      return CompletableFuture.completedFuture(entry.value);
    }
    counters.l1Misses.increment();
    String keyString = keyString(key);
    int[] slots = TagRules.slotsOf(versions, keyString, tags);
    long[] captured = versions.capture(slots);
    // Captured here: the Redis reply and the loader's future complete on other threads.
    ServerTiming timing = RequestTiming.current();
    CompletableFuture<V> load =
        flights.callAsync(
            new FlightKey<>(key, slots, captured), () -> loadOnceAsync(key, keyString, slots, captured, loader, timing));
    return timeouts == null ? load : timeouts.bound(load, () -> failSafe(key, timing));
  }

  private CompletionStage<V> loadOnceAsync(
      K key,
      String keyString,
      int[] slots,
      long[] captured,
      Function<? super K, ? extends CompletionStage<? extends V>> loader,
      ServerTiming timing) {
    Entry<V> landed = currentEntry(key);
    if (landed != null) {
      return CompletableFuture.completedFuture(landed.value);
    }
    long redisStart = System.nanoTime();
    CompletableFuture<Entry<V>> remote =
        l2 == null ? CompletableFuture.completedFuture(null) : l2.readAsync(keyString);
    return remote.thenCompose(
        found -> {
          if (found != null) {
            install(key, found);
            RequestTiming.hit(timing, System.nanoTime() - redisStart);
            return CompletableFuture.completedFuture(found.value);
          }
          long start = System.nanoTime();
          return loader
              .apply(key)
              .handle(
                  (V value, Throwable failure) -> {
                    recordLoad(System.nanoTime() - start, timing);
                    if (failure != null) {
                      counters.loadFailures.increment();
                      Throwable cause = failure instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : failure;
                      Entry<V> fallback = cause instanceof Exception ? failSafe(key, timing) : null;
                      if (fallback != null) {
                        return fallback.value;
                      }
                      throw failure instanceof CompletionException ce ? ce : new CompletionException(failure);
                    }
                    counters.loads.increment();
                    store(key, keyString, value, slots, captured);
                    return value;
                  });
        });
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys, BulkLoader<? super K, ? extends V> loader) {
    Objects.requireNonNull(keys, "keys must not be null");
    Objects.requireNonNull(loader, "loader must not be null");
    return new BulkLoad<>(this, loader).run(keys);
  }

  @Override
  public void put(K key, V value, Collection<String> tags) {
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(value, "value must not be null (use invalidate to remove a value)");
    String keyString = keyString(key);
    int[] slots = TagRules.slotsOf(versions, keyString, tags);
    store(key, keyString, value, slots, versions.capture(slots));
  }

  @Override
  public void invalidate(K key) {
    Objects.requireNonNull(key, "key must not be null");
    String keyString = keyString(key);
    raise(versions.keySlot(keyString), keyString);
    l1.invalidate(key);
  }

  @Override
  public void invalidateTag(String tag) {
    raise(versions.tagSlot(TagRules.requireValidTag(tag)), null);
  }

  @Override
  public void invalidateAll() {
    raise(versions.allSlot(), null);
    l1.invalidateAll();
  }

  /** Raises a slot through Redis (so every node learns it) or, failing that, locally. */
  private void raise(int slot, String keyStringToDelete) {
    if (l2 == null || !l2.invalidate(slot, keyStringToDelete)) {
      versions.bump(slot);
    }
  }

  String keyString(K key) {
    return Objects.requireNonNull(keyEncoder.apply(key), "keyEncoder returned null for a key");
  }

  @Override
  public CacheStats stats() {
    return counters.snapshot();
  }

  @Override
  public void close() {
    if (l2 != null) {
      l2.close();
    }
    l1.invalidateAll();
  }
}
