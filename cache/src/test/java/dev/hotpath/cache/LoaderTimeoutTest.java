package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Soft and hard loader timeouts, on real time (the fail-safe window runs on the test's ticker). */
class LoaderTimeoutTest extends InMemoryCacheTestBase {
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger loads = new AtomicInteger();

  @AfterEach
  void releaseLoaders() {
    release.countDown();
  }

  private String slow(String value) {
    loads.incrementAndGet();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return value;
  }

  private TieredCache<String, String> cache(Duration soft, Duration hard) {
    return builder()
        .ttl(Duration.ofSeconds(10))
        .failSafe(Duration.ofMinutes(1), Duration.ofSeconds(5))
        .loaderTimeouts(soft, hard)
        .build();
  }

  @Test
  void softTimeoutAnswersWithTheStaleValueWhileTheLoadUpdatesTheCacheInTheBackground() {
    TieredCache<String, String> cache = cache(Duration.ofMillis(50), Duration.ofSeconds(30));
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    long start = System.nanoTime();
    assertThat(cache.get("a", k -> slow("v2"))).isEqualTo("v1");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(cache.stats().failSafeServed()).isEqualTo(1);
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> "v2".equals(cache.get("a", k -> "never")));
    assertThat(loads).hasValue(1);
  }

  @Test
  void hardTimeoutFailsTheCallWithoutAStaleValueAndTheLoadStillLands() {
    TieredCache<String, String> cache = cache(Duration.ofMillis(50), Duration.ofMillis(200));
    assertThatThrownBy(() -> cache.get("cold", k -> slow("loaded")))
        .isInstanceOf(CacheLoadException.class)
        .hasMessage("a load in cache test took longer than its hard timeout PT0.2S; it goes on in the background");
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> "loaded".equals(cache.get("cold", k -> "never")));
  }

  @Test
  void backgroundCompletionDoesNotInstallAValueItsInvalidationOvertook() {
    TieredCache<String, String> cache = cache(Duration.ofMillis(50), Duration.ofSeconds(30));
    cache.get("a", List.of("t"), k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    assertThat(cache.get("a", List.of("t"), k -> slow("loaded-before-the-invalidation"))).isEqualTo("v1");
    cache.invalidateTag("t");
    release.countDown();
    await().atMost(Duration.ofSeconds(5)).until(() -> loads.get() == 1);
    assertThat(cache.get("a", List.of("t"), k -> "new")).isEqualTo("new");
  }

  @Test
  void asyncSoftTimeoutAnswersWithTheStaleValue() throws Exception {
    TieredCache<String, String> cache = cache(Duration.ofMillis(50), Duration.ofSeconds(30));
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    CompletableFuture<String> pending = new CompletableFuture<>();
    assertThat(cache.getAsync("a", List.of(), k -> pending).get(5, TimeUnit.SECONDS)).isEqualTo("v1");
    pending.complete("v2");
    await().atMost(Duration.ofSeconds(5)).until(() -> "v2".equals(cache.get("a", k -> "never")));
  }

  @Test
  void badTimeoutsAreRejected() {
    assertThatThrownBy(() -> builder().loaderTimeouts(Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loaderTimeouts soft must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> builder().loaderTimeouts(Duration.ZERO, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loaderTimeouts hard must not be negative, was PT-1S");
    assertThatThrownBy(() -> builder().loaderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loaderTimeouts soft must be shorter than hard, was soft PT2S with hard PT1S");
    assertThatThrownBy(() -> builder().loaderTimeouts(Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("loaderTimeouts needs a soft or a hard timeout, both were zero");
    assertThatThrownBy(() -> builder().ttl(Duration.ofSeconds(1)).loaderTimeouts(Duration.ofMillis(10), Duration.ZERO).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cache 'test': a soft loader timeout needs failSafe (it answers with the fail-safe value)");
  }
}
