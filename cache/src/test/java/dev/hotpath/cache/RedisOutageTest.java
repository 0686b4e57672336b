package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.HealthStatus;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults on a redis-server of the test's own: hung (SIGSTOP), killed, restarted. */
class RedisOutageTest {
  private OwnRedisServer server;
  private RedisTier tier;
  private TieredCache<String, String> cache;
  private final AtomicInteger keys = new AtomicInteger();

  @BeforeEach
  void start() {
    server = new OwnRedisServer();
    tier =
        RedisTier.builder(server.uri())
            .operationTimeout(Duration.ofMillis(100))
            .circuitBreaker(
                CircuitBreakerConfig.custom()
                    .slidingWindowSize(4)
                    .minimumNumberOfCalls(4)
                    .failureRateThreshold(50)
                    .waitDurationInOpenState(Duration.ofMillis(300))
                    .permittedNumberOfCallsInHalfOpenState(2)
                    .build())
            .build();
    cache = TieredCache.<String, String>builder("outage").maximumSize(100).redisTier(tier, Codec.json(String.class)).build();
  }

  @AfterEach
  void stop() {
    cache.close();
    tier.close();
    server.close();
  }

  /** A read of a key never read before: it must consult Redis, then the loader. */
  private String freshRead() {
    String key = "k" + keys.incrementAndGet();
    return cache.get(key, k -> "loaded-" + k);
  }

  @Test
  void hungRedisNeverFailsReadsOpensTheBreakerAndRecovers() throws Exception {
    assertThat(freshRead()).startsWith("loaded-");
    assertThat(tier.healthCheck().check().status()).isEqualTo(HealthStatus.UP);
    server.pause();
    await().until(() -> {
      assertThat(freshRead()).startsWith("loaded-");
      return tier.circuitBreaker().getState() == CircuitBreaker.State.OPEN;
    });
    assertThat(cache.stats().l2Errors()).isGreaterThanOrEqualTo(2);
    assertThat(tier.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
    // While open, reads skip Redis entirely and still succeed.
    for (int i = 0; i < 20; i++) {
      assertThat(freshRead()).startsWith("loaded-");
    }
    server.resume();
    await().until(() -> {
      assertThat(freshRead()).startsWith("loaded-");
      return tier.circuitBreaker().getState() == CircuitBreaker.State.CLOSED;
    });
    assertThat(tier.healthCheck().check().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void killedRedisNeverFailsReadsAndReconnectClearsMemory() {
    assertThat(cache.get("a", k -> "before")).isEqualTo("before");
    server.kill();
    await().until(() -> !tier.healthCheck().check().status().equals(HealthStatus.UP));
    // Down: the value in memory is still served, new keys are loaded, nothing throws.
    assertThat(cache.get("a", k -> "during")).isEqualTo("before");
    for (int i = 0; i < 10; i++) {
      assertThat(freshRead()).startsWith("loaded-");
    }
    server.start();
    // Invalidations may have been missed while disconnected: the resubscribe clears memory.
    await().atMost(Duration.ofSeconds(30)).until(() -> "after".equals(cache.get("a", k -> "after")));
  }

  @Test
  void invalidationsWhileRedisIsDownStillApplyOnThisNode() {
    cache.get("a", List.of("t"), k -> "v1");
    server.kill();
    cache.invalidateTag("t");
    assertThat(cache.get("a", List.of("t"), k -> "v2")).isEqualTo("v2");
  }
}
