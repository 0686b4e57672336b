package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.HealthStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two nodes with the tier's default reconnect and breaker settings on a redis-server of the
 * test's own, killed for a few seconds of reads and restarted: how long after Redis accepts
 * connections again do Redis values and cross-node invalidations work?
 */
class RedisRecoveryTest {
  /** The bound the README promises is about 1 s; allow for a shared, busy machine. */
  private static final Duration RECOVERY_BOUND = Duration.ofMillis(1_500);

  private OwnRedisServer server;
  private RedisTier tierA;
  private RedisTier tierB;
  private TieredCache<String, String> nodeA;
  private TieredCache<String, String> nodeB;
  private final AtomicInteger probes = new AtomicInteger();

  @BeforeEach
  void startServer() {
    server = new OwnRedisServer();
  }

  /** Builds both nodes; a breaker wait of 0 means the tier's default. */
  private void startNodes(long breakerWaitSeconds) {
    tierA = tier(breakerWaitSeconds);
    tierB = tier(breakerWaitSeconds);
    nodeA = TieredCache.<String, String>builder("recovery").maximumSize(1_000).redisTier(tierA, Codec.json(String.class)).build();
    nodeB = TieredCache.<String, String>builder("recovery").maximumSize(1_000).redisTier(tierB, Codec.json(String.class)).build();
  }

  private RedisTier tier(long breakerWaitSeconds) {
    RedisTier.Builder builder = RedisTier.builder(server.uri());
    if (breakerWaitSeconds > 0) {
      builder.circuitBreakerWait(Duration.ofSeconds(breakerWaitSeconds));
    }
    return builder.build();
  }

  @AfterEach
  void stop() {
    nodeA.close();
    nodeB.close();
    tierA.close();
    tierB.close();
    server.close();
  }

  /** Node A writes a new key to Redis and node B reads it from there. */
  private boolean redisValuesWork() {
    String key = "value-" + probes.incrementAndGet();
    nodeA.put(key, "from-a", List.of());
    // The loader answers "no value", which is not cached: B keeps asking Redis until A's write lands.
    return until(Duration.ofMillis(100), () -> "from-a".equals(nodeB.get(key, k -> null)));
  }

  /** Node B caches a new key, node A invalidates it through Redis, node B hears of it. */
  private boolean invalidationsWork() {
    String key = "inv-" + probes.incrementAndGet();
    nodeB.get(key, k -> "before");
    long errors = nodeA.stats().l2Errors();
    nodeA.invalidate(key);
    if (nodeA.stats().l2Errors() != errors) {
      return false; // applied locally only: Redis refused it
    }
    return until(Duration.ofMillis(100), () -> "after".equals(nodeB.get(key, k -> "after")));
  }

  /** With a minute's breaker wait too: the reconnect closes the breaker, not the wait. */
  @ParameterizedTest(name = "breaker wait {0} s (0: default)")
  @ValueSource(longs = {0, 60})
  void redisValuesAndInvalidationsWorkAgainSoonAfterRedisIsBack(long breakerWaitSeconds) throws Exception {
    startNodes(breakerWaitSeconds);
    assertThat(redisValuesWork()).isTrue();
    assertThat(invalidationsWork()).isTrue();
    server.kill();
    // A few seconds of outage with traffic: backoff grows and both breakers open.
    long outageEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (System.nanoTime() < outageEnd) {
      assertThat(nodeA.get("k" + probes.incrementAndGet(), k -> "loaded")).isEqualTo("loaded");
      assertThat(nodeB.get("k" + probes.incrementAndGet(), k -> "loaded")).isEqualTo("loaded");
      pause(10);
    }
    assertThat(tierA.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
    server.start();
    long back = System.nanoTime();
    Duration deadline = RECOVERY_BOUND.plusSeconds(10);
    assertThat(until(deadline, this::redisValuesWork)).as("Redis values work again").isTrue();
    Duration valuesAfter = Duration.ofNanos(System.nanoTime() - back);
    assertThat(until(deadline, this::invalidationsWork)).as("invalidations work again").isTrue();
    Duration invalidationsAfter = Duration.ofNanos(System.nanoTime() - back);
    System.out.printf(
        "after Redis answered again: values worked after %d ms, cross-node invalidations after %d ms%n",
        valuesAfter.toMillis(), invalidationsAfter.toMillis());
    assertThat(valuesAfter).isLessThan(RECOVERY_BOUND);
    assertThat(invalidationsAfter).isLessThan(RECOVERY_BOUND);
  }

  /** Polls {@code condition} until it holds or {@code limit} has passed. */
  private static boolean until(Duration limit, BooleanSupplier condition) {
    long deadline = System.nanoTime() + limit.toNanos();
    do {
      if (condition.getAsBoolean()) {
        return true;
      }
      pause(5);
    } while (System.nanoTime() < deadline);
    return false;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
