package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class TieredCacheTest extends InMemoryCacheTestBase {
  @Test
  void getLoadsOnceThenHitsMemory() {
    TieredCache<String, String> cache = builder().build();
    AtomicInteger loads = new AtomicInteger();
    assertThat(cache.get("a", k -> k + loads.incrementAndGet())).isEqualTo("a1");
    assertThat(cache.get("a", k -> k + loads.incrementAndGet())).isEqualTo("a1");
    CacheStats stats = cache.stats();
    assertThat(stats.l1Hits()).isEqualTo(1);
    assertThat(stats.l1Misses()).isEqualTo(1);
    assertThat(stats.loads()).isEqualTo(1);
  }

  @Test
  void valueExpiresAfterTtl() {
    TieredCache<String, String> cache = builder().ttl(Duration.ofSeconds(10)).build();
    AtomicInteger loads = new AtomicInteger();
    cache.get("a", k -> "v" + loads.incrementAndGet());
    ticker.advance(Duration.ofSeconds(9));
    assertThat(cache.get("a", k -> "v" + loads.incrementAndGet())).isEqualTo("v1");
    ticker.advance(Duration.ofSeconds(2));
    assertThat(cache.get("a", k -> "v" + loads.incrementAndGet())).isEqualTo("v2");
  }

  @Test
  void invalidateTagHidesOnlyTaggedEntries() {
    TieredCache<String, String> cache = builder().build();
    AtomicInteger loads = new AtomicInteger();
    cache.get("a", List.of("album:1"), k -> "a" + loads.incrementAndGet());
    cache.get("b", List.of("album:2"), k -> "b" + loads.incrementAndGet());
    cache.invalidateTag("album:1");
    assertThat(cache.get("a", List.of("album:1"), k -> "a" + loads.incrementAndGet())).isEqualTo("a3");
    assertThat(cache.get("b", List.of("album:2"), k -> "b" + loads.incrementAndGet())).isEqualTo("b2");
  }

  @Test
  void invalidateAndInvalidateAllForceReloads() {
    TieredCache<String, String> cache = builder().build();
    AtomicInteger loads = new AtomicInteger();
    cache.put("a", "put", List.of());
    assertThat(cache.get("a", k -> "loaded" + loads.incrementAndGet())).isEqualTo("put");
    cache.invalidate("a");
    assertThat(cache.get("a", k -> "loaded" + loads.incrementAndGet())).isEqualTo("loaded1");
    cache.invalidateAll();
    assertThat(cache.get("a", k -> "loaded" + loads.incrementAndGet())).isEqualTo("loaded2");
  }

  @Test
  void nullResultIsCachedAsNegativeEntryOnlyWithNegativeTtl() {
    AtomicInteger loads = new AtomicInteger();
    TieredCache<String, String> plain = builder().build();
    plain.get("a", k -> { loads.incrementAndGet(); return null; });
    plain.get("a", k -> { loads.incrementAndGet(); return null; });
    assertThat(loads).hasValue(2);

    TieredCache<String, String> negative = builder().negativeTtl(Duration.ofSeconds(5)).build();
    loads.set(0);
    assertThat(negative.get("a", k -> { loads.incrementAndGet(); return null; })).isNull();
    assertThat(negative.get("a", k -> { loads.incrementAndGet(); return null; })).isNull();
    assertThat(loads).hasValue(1);
    ticker.advance(Duration.ofSeconds(6));
    negative.get("a", k -> { loads.incrementAndGet(); return null; });
    assertThat(loads).hasValue(2);
  }

  @Test
  void checkedLoaderFailureIsWrappedAndCounted() {
    TieredCache<String, String> cache = builder().build();
    assertThatThrownBy(() -> cache.get("a", k -> { throw new IOException("db down"); }))
        .isInstanceOf(CacheLoadException.class)
        .hasCauseInstanceOf(IOException.class);
    IllegalStateException unchecked = new IllegalStateException("boom");
    assertThatThrownBy(() -> cache.get("a", k -> { throw unchecked; })).isSameAs(unchecked);
    assertThat(cache.stats().loadFailures()).isEqualTo(2);
    assertThat(cache.get("a", k -> "ok")).isEqualTo("ok");
  }

  @Test
  void loadFailureMessagesNameTheCacheButNeverTheKey() {
    // Keys can be user data (an e-mail, a session id): DESIGN invariant 10 keeps them out of messages.
    TieredCache<String, String> cache = builder().build();
    String key = "alice@example.com";
    assertThatThrownBy(() -> cache.get(key, k -> { throw new IOException("db down"); }))
        .isInstanceOf(CacheLoadException.class)
        .hasMessageContaining("cache test")
        .hasMessageNotContaining(key);
    assertThatThrownBy(() -> cache.get(key, k -> { throw new InterruptedException(); }))
        .isInstanceOf(CacheLoadException.class)
        .hasMessageContaining("cache test")
        .hasMessageNotContaining(key);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void sixtyFourConcurrentMissesRunTheLoaderOnce() throws Exception {
    TieredCache<String, String> cache = builder().build();
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch loaderEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> callers = new ArrayList<>();
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      CompletableFuture<String> result = new CompletableFuture<>();
      results.add(result);
      Thread caller =
          new Thread(
              () -> {
                try {
                  start.await();
                  result.complete(
                      cache.get(
                          "hot",
                          k -> {
                            loads.incrementAndGet();
                            loaderEntered.countDown();
                            release.await();
                            return "value";
                          }));
                } catch (Throwable t) {
                  result.completeExceptionally(t);
                }
              });
      caller.start();
      callers.add(caller);
    }
    start.countDown();
    assertThat(loaderEntered.await(10, TimeUnit.SECONDS)).isTrue();
    // Every caller is parked: one in the loader, the others waiting for its outcome.
    await().until(() -> callers.stream().allMatch(t -> t.getState() == Thread.State.WAITING || !t.isAlive()));
    release.countDown();
    for (Future<String> result : results) {
      assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("value");
    }
    assertThat(loads).hasValue(1);
  }

  @Test
  void loadStartedBeforeTagInvalidationIsNotInstalled() throws Exception {
    assertLoadRacingInvalidationIsNotInstalled(List.of("t"), cache -> cache.invalidateTag("t"));
  }

  @Test
  void loadStartedBeforeKeyInvalidationIsNotInstalled() throws Exception {
    assertLoadRacingInvalidationIsNotInstalled(List.of(), cache -> cache.invalidate("a"));
  }

  @Test
  void loadStartedBeforeInvalidateAllIsNotInstalled() throws Exception {
    assertLoadRacingInvalidationIsNotInstalled(List.of(), TieredCache::invalidateAll);
  }

  /** Holds a load of "a" inside its loader while {@code invalidation} runs, then lets it finish. */
  private void assertLoadRacingInvalidationIsNotInstalled(
      List<String> tags, Consumer<TieredCache<String, String>> invalidation) throws Exception {
    TieredCache<String, String> cache = builder().build();
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch invalidated = new CountDownLatch(1);
    Future<String> slowLoad =
        pool.submit(
            () ->
                cache.get(
                    "a",
                    tags,
                    k -> {
                      loading.countDown();
                      invalidated.await();
                      return "old";
                    }));
    assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
    invalidation.accept(cache);
    invalidated.countDown();
    assertThat(slowLoad.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    assertThat(cache.get("a", tags, k -> "new")).isEqualTo("new");
  }

  @Test
  void missThatBeginsAfterAnInvalidationDoesNotJoinTheOlderLoad() throws Exception {
    TieredCache<String, String> cache = builder().build();
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> older =
        pool.submit(() -> cache.get("a", List.of("t"), k -> {
          loading.countDown();
          release.await();
          return "old";
        }));
    assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
    cache.invalidateTag("t");
    // Began after the invalidation: runs its own load rather than waiting for the older one.
    Future<String> newer = pool.submit(() -> cache.get("a", List.of("t"), k -> "new"));
    try {
      assertThat(newer.get(10, TimeUnit.SECONDS)).isEqualTo("new");
    } finally {
      release.countDown();
    }
    assertThat(older.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    assertThat(cache.get("a", List.of("t"), k -> "other")).isEqualTo("new");
  }

  @Test
  void asyncMissThatBeginsAfterAnInvalidationDoesNotJoinTheOlderLoad() throws Exception {
    TieredCache<String, String> cache = builder().build();
    CompletableFuture<String> pending = new CompletableFuture<>();
    CompletableFuture<String> older = cache.getAsync("a", List.of(), k -> pending);
    cache.invalidate("a");
    CompletableFuture<String> newer = cache.getAsync("a", List.of(), k -> CompletableFuture.completedFuture("new"));
    assertThat(newer.get(10, TimeUnit.SECONDS)).isEqualTo("new");
    pending.complete("old");
    assertThat(older.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    assertThat(cache.get("a", k -> "other")).isEqualTo("new");
  }

  @Test
  void missThatBeginsAfterAnInvalidationDoesNotJoinARefreshInFlight() throws Exception {
    TieredCache<String, String> cache =
        builder().ttl(Duration.ofSeconds(10)).staleWhileRevalidate(Duration.ofSeconds(30)).build();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    assertThat(cache.get("a", k -> {
      refreshing.countDown();
      release.await();
      return "refreshed-before-the-invalidation";
    })).isEqualTo("v1");
    assertThat(refreshing.await(10, TimeUnit.SECONDS)).isTrue();
    cache.invalidate("a");
    Future<String> newer = pool.submit(() -> cache.get("a", k -> "v2"));
    try {
      assertThat(newer.get(10, TimeUnit.SECONDS)).isEqualTo("v2");
    } finally {
      release.countDown();
    }
  }

  @Test
  void staleValueIsServedWhileExactlyOneRefreshRuns() throws Exception {
    TieredCache<String, String> cache =
        builder().ttl(Duration.ofSeconds(10)).staleWhileRevalidate(Duration.ofSeconds(30)).build();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    AtomicInteger refreshes = new AtomicInteger();
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CacheLoader<String, String> slow =
        k -> {
          refreshes.incrementAndGet();
          refreshing.countDown();
          release.await();
          return "v2";
        };
    assertThat(cache.get("a", slow)).isEqualTo("v1");
    assertThat(refreshing.await(10, TimeUnit.SECONDS)).isTrue();
    for (int i = 0; i < 10; i++) {
      assertThat(cache.get("a", slow)).isEqualTo("v1");
    }
    assertThat(refreshes).hasValue(1);
    assertThat(cache.stats().staleServed()).isEqualTo(11);
    release.countDown();
    await().until(() -> "v2".equals(cache.get("a", slow)));
    assertThat(refreshes).hasValue(1);
  }

  @Test
  void valuePastTheStaleWindowIsAMiss() {
    TieredCache<String, String> cache =
        builder().ttl(Duration.ofSeconds(10)).staleWhileRevalidate(Duration.ofSeconds(5)).build();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(16));
    assertThat(cache.get("a", k -> "v2")).isEqualTo("v2");
  }

  @Test
  void refreshAfterReloadsInTheBackgroundBeforeExpiry() {
    TieredCache<String, String> cache =
        builder().ttl(Duration.ofSeconds(10)).refreshAfter(Duration.ofSeconds(5)).build();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(6));
    assertThat(cache.get("a", k -> "v2")).isEqualTo("v1");
    await().until(() -> "v2".equals(cache.get("a", k -> "v3")));
    assertThat(cache.stats().staleServed()).isZero();
  }

  @Test
  void getAsyncSharesOneLoadAndHitsAfterwards() throws Exception {
    TieredCache<String, String> cache = builder().build();
    CompletableFuture<String> pending = new CompletableFuture<>();
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> first = cache.getAsync("a", List.of("t"), k -> { loads.incrementAndGet(); return pending; });
    CompletableFuture<String> second = cache.getAsync("a", List.of("t"), k -> { loads.incrementAndGet(); return pending; });
    pending.complete("v");
    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("v");
    assertThat(second.get(5, TimeUnit.SECONDS)).isEqualTo("v");
    assertThat(loads).hasValue(1);
    assertThat(cache.getAsync("a", List.of(), k -> CompletableFuture.completedFuture("other")).get()).isEqualTo("v");
    cache.invalidateTag("t");
    assertThat(cache.getAsync("a", List.of(), k -> CompletableFuture.completedFuture("other")).get()).isEqualTo("other");
  }

  @Test
  void getAllLoadsOnlyMissesInOneCall() {
    TieredCache<String, String> cache = builder().build();
    cache.put("a", "A", List.of());
    List<Set<String>> calls = new ArrayList<>();
    Map<String, String> values =
        cache.getAll(
            List.of("a", "b", "c"),
            keys -> {
              calls.add(keys);
              return Map.of("b", "B");
            });
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("a", "A", "b", "B"));
    assertThat(calls).containsExactly(Set.of("b", "c"));
    assertThat(cache.get("b", k -> "other")).isEqualTo("B");
  }

  @Test
  void evictionsAreCounted() {
    TieredCache<String, String> cache =
        TieredCache.<String, String>builder("small").maximumSize(10).ticker(ticker).build();
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v", List.of());
    }
    await().until(() -> cache.stats().evictions() >= 90);
  }

  @Test
  void badInputIsRejectedWithTheRule() {
    TieredCache<String, String> cache = builder().build();
    assertThatThrownBy(() -> cache.get(null, k -> "v")).isInstanceOf(NullPointerException.class).hasMessageContaining("key");
    assertThatThrownBy(() -> cache.get("a", null)).isInstanceOf(NullPointerException.class).hasMessageContaining("loader");
    assertThatThrownBy(() -> cache.put("a", null, List.of())).hasMessageContaining("value must not be null");
    assertThatThrownBy(() -> cache.invalidateTag("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 256");
    assertThatThrownBy(() -> cache.invalidateTag("x".repeat(257))).hasMessageContaining("was 257 long");
    assertThatThrownBy(() -> cache.invalidateTag("a\nb")).hasMessageContaining("control characters");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      many.add("t" + i);
    }
    assertThatThrownBy(() -> cache.get("a", many, k -> "v")).hasMessageContaining("at most 32 tags");
    assertThat(cache.stats().loads()).isZero();
  }

  @Test
  void absurdlyLongDurationsMeanForever() {
    TieredCache<String, String> cache =
        builder().ttl(Duration.ofSeconds(Long.MAX_VALUE)).staleWhileRevalidate(Duration.ofSeconds(Long.MAX_VALUE)).build();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofDays(365 * 100));
    assertThat(cache.get("a", k -> "v2")).isEqualTo("v1");
  }

  @Test
  void builderRejectsBadSettingsAtOnce() {
    assertThatThrownBy(() -> TieredCache.builder("bad name")).hasMessageContaining("letters, digits");
    assertThatThrownBy(() -> TieredCache.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TieredCache.builder("c").maximumSize(0)).hasMessage("maximumSize must be at least 1, was 0");
    assertThatThrownBy(() -> TieredCache.builder("c").ttl(Duration.ofSeconds(-1))).hasMessage("ttl must be positive, was PT-1S");
    assertThatThrownBy(() -> TieredCache.builder("c").negativeTtl(Duration.ofSeconds(-1))).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> TieredCache.builder("c").invalidationSlots(100)).hasMessageContaining("power of two");
    assertThatThrownBy(() -> TieredCache.builder("c").compressAbove(-1)).hasMessageContaining("compressAbove");
    assertThatThrownBy(() -> TieredCache.builder("c").maxValueBytes(0)).hasMessageContaining("maxValueBytes");
    assertThatThrownBy(() -> TieredCache.builder("c").maximumSize(1).maximumSize(2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> TieredCache.builder("c").build()).hasMessageContaining("needs maximumSize");
    assertThatThrownBy(() -> TieredCache.builder("c").maximumSize(1).staleWhileRevalidate(Duration.ofSeconds(1)).build())
        .hasMessageContaining("need a ttl");
    assertThatThrownBy(
            () -> TieredCache.builder("c").maximumSize(1).ttl(Duration.ofSeconds(1)).refreshAfter(Duration.ofSeconds(2)).build())
        .hasMessageContaining("refreshAfter must be shorter than ttl");
  }
}
