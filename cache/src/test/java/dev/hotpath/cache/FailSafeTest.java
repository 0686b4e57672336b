package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fail-safe: an expired value answers for a bounded time while its loader fails. */
class FailSafeTest extends InMemoryCacheTestBase {
  private final AtomicInteger attempts = new AtomicInteger();

  private String failing(String key) {
    attempts.incrementAndGet();
    throw new IllegalStateException("source down");
  }

  private TieredCache<String, String> failSafeCache() {
    return builder().ttl(Duration.ofSeconds(10)).failSafe(Duration.ofMinutes(1), Duration.ofSeconds(5)).build();
  }

  @Test
  void failingLoaderIsAnsweredWithTheExpiredValueAndRetriedOnlyAfterTheRetryDelay() {
    TieredCache<String, String> cache = failSafeCache();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    assertThat(cache.get("a", this::failing)).isEqualTo("v1");
    assertThat(attempts).hasValue(1);
    // Within the retry delay the loader is not called again.
    ticker.advance(Duration.ofSeconds(4));
    assertThat(cache.get("a", this::failing)).isEqualTo("v1");
    assertThat(attempts).hasValue(1);
    ticker.advance(Duration.ofSeconds(2));
    assertThat(cache.get("a", this::failing)).isEqualTo("v1");
    assertThat(attempts).hasValue(2);
    assertThat(cache.stats().failSafeServed()).isEqualTo(2);
    assertThat(cache.stats().loadFailures()).isEqualTo(2);
    // A loader that works again replaces the value at the next retry.
    ticker.advance(Duration.ofSeconds(6));
    assertThat(cache.get("a", k -> "v2")).isEqualTo("v2");
    assertThat(cache.get("a", this::failing)).isEqualTo("v2");
  }

  @Test
  void pastTheWindowTheLoadersFailureReachesTheCaller() {
    TieredCache<String, String> cache = failSafeCache();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(10 + 61));
    assertThatThrownBy(() -> cache.get("a", this::failing)).hasMessage("source down");
  }

  @Test
  void retriesNeverExtendTheWindow() {
    TieredCache<String, String> cache = failSafeCache();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 11; i++) {
      assertThat(cache.get("a", this::failing)).isEqualTo("v1");
      ticker.advance(Duration.ofSeconds(5));
    }
    // 11 s + 55 s: past ttl + window (70 s) only now.
    ticker.advance(Duration.ofSeconds(5));
    assertThatThrownBy(() -> cache.get("a", this::failing)).hasMessage("source down");
  }

  @Test
  void anInvalidatedValueIsNeverServedByFailSafe() {
    TieredCache<String, String> cache = failSafeCache();
    cache.get("a", List.of("t"), k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    cache.invalidateTag("t");
    assertThatThrownBy(() -> cache.get("a", List.of("t"), this::failing)).hasMessage("source down");
  }

  @Test
  void asyncFailingLoaderIsAnsweredWithTheExpiredValue() {
    TieredCache<String, String> cache = failSafeCache();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    CompletableFuture<String> answer =
        cache.getAsync("a", List.of(), k -> CompletableFuture.failedFuture(new IllegalStateException("source down")));
    assertThat(answer.join()).isEqualTo("v1");
    assertThat(cache.stats().failSafeServed()).isEqualTo(1);
  }

  @Test
  void offByDefault() {
    TieredCache<String, String> cache = builder().ttl(Duration.ofSeconds(10)).build();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    assertThatThrownBy(() -> cache.get("a", this::failing)).hasMessage("source down");
    CompletableFuture<String> answer =
        cache.getAsync("a", List.of(), k -> CompletableFuture.failedFuture(new IllegalStateException("source down")));
    assertThatThrownBy(answer::join).isInstanceOf(CompletionException.class);
  }

  @Test
  void servingAFailSafeValueIsMarkedInServerTiming() {
    TieredCache<String, String> cache = failSafeCache();
    cache.get("a", k -> "v1");
    ticker.advance(Duration.ofSeconds(11));
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork unit = UnitOfWork.begin("GET /photos")) {
      unit.attach(ServerTiming.KEY, timing);
      assertThat(cache.get("a", this::failing)).isEqualTo("v1");
    }
    assertThat(timing.entries())
        .anySatisfy(entry -> {
          assertThat(entry.name()).isEqualTo("cache-failsafe");
          assertThat(entry.count()).isEqualTo(1);
        });
  }

  @Test
  void badFailSafeSettingsAreRejected() {
    assertThatThrownBy(() -> builder().failSafe(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failSafe window must be positive, was PT-1S");
    assertThatThrownBy(() -> builder().failSafe(Duration.ofSeconds(10), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failSafe retryAfter must be positive, was PT0S");
    assertThatThrownBy(() -> builder().failSafe(Duration.ofSeconds(10), Duration.ofSeconds(20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failSafe retryAfter must not exceed the window, was PT20S with window PT10S");
    assertThatThrownBy(() -> builder().failSafe(Duration.ofSeconds(10), Duration.ofSeconds(1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cache 'test': failSafe needs a ttl");
  }
}
