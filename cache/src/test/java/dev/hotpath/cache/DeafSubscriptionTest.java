package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.HealthStatus;
import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A node whose invalidation subscription goes silent while its socket stays open: node B talks
 * to the real Redis through a proxy that stalls B's pub/sub connection only (its data connection
 * keeps working), so nothing but its own heartbeat can tell B it is deaf.
 */
class DeafSubscriptionTest {
  /** B's data connection is the proxy's first, its subscription the second. */
  private static final int B_SUBSCRIPTION = 1;
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofMillis(600);

  private RedisEndpoint redis;
  private String prefix;
  private StallingProxy proxy;
  private RedisTier tierA;
  private RedisTier tierB;
  private TieredCache<String, String> nodeA;
  private TieredCache<String, String> nodeB;

  @BeforeEach
  void twoNodes() {
    redis = TestServices.redis();
    prefix = "deaf-" + UUID.randomUUID().toString().substring(0, 8);
    proxy = new StallingProxy(redis.host(), redis.port());
    tierA = RedisTier.builder(RedisURI.create(redis.uri())).keyPrefix(prefix).heartbeatTimeout(HEARTBEAT_TIMEOUT).build();
    tierB =
        RedisTier.builder(RedisURI.create("redis://" + "127.0.0.1:" + proxy.port()))
            .keyPrefix(prefix)
            .heartbeatTimeout(HEARTBEAT_TIMEOUT)
            .build();
    assertThat(proxy.connections()).isEqualTo(2);
    nodeA = TieredCache.<String, String>builder("deaf").maximumSize(100).redisTier(tierA, Codec.json(String.class)).build();
    nodeB = TieredCache.<String, String>builder("deaf").maximumSize(100).redisTier(tierB, Codec.json(String.class)).build();
  }

  @AfterEach
  void closeNodes() throws Exception {
    nodeA.close();
    nodeB.close();
    tierA.close();
    tierB.close();
    proxy.close();
    PrefixCleanup.deleteKeys(redis.uri(), prefix);
  }

  /**
   * Invalidations sent while B's subscription is stalled, then the connection drops and Lettuce
   * resubscribes (within the heartbeat timeout, so B never counted as deaf): B catches up from the
   * slot versions in Redis and keeps the rest of its memory.
   */
  @Test
  void resubscriptionAfterABlipCatchesUpWithoutClearingMemory() throws Exception {
    try (RedisTier slowHeartbeat =
            RedisTier.builder(RedisURI.create("redis://127.0.0.1:" + proxy.port()))
                .keyPrefix(prefix)
                .heartbeatTimeout(Duration.ofSeconds(30))
                .build();
        TieredCache<String, String> nodeC =
            TieredCache.<String, String>builder("deaf").maximumSize(100).redisTier(slowHeartbeat, Codec.json(String.class)).build()) {
      int subscriptionC = proxy.connections() - 1;
      assertThat(nodeC.get("a", k -> "a1")).isEqualTo("a1");
      assertThat(nodeC.get("b", k -> "b1")).isEqualTo("b1");
      proxy.stall(subscriptionC);
      nodeA.invalidate("a");
      proxy.cut(subscriptionC);
      await().atMost(Duration.ofSeconds(5)).until(() -> "a2".equals(nodeC.get("a", k -> "a2")));
      // From memory: neither reloaded nor read back from Redis.
      long memoryHits = nodeC.stats().l1Hits();
      assertThat(nodeC.get("b", k -> "b-reloaded")).isEqualTo("b1");
      assertThat(nodeC.stats().l1Hits()).isEqualTo(memoryHits + 1);
      // And the new subscription delivers.
      nodeA.invalidate("b");
      await().atMost(Duration.ofSeconds(5)).until(() -> "b2".equals(nodeC.get("b", k -> "b2")));
    }
  }

  @Test
  void deafSubscriptionIsDetectedWithinTheBoundAndHeardAgain() throws Exception {
    assertThat(nodeB.get("a", k -> "v1")).isEqualTo("v1");
    await().atMost(Duration.ofSeconds(5)).until(() -> tierB.healthCheck().check().status() == HealthStatus.UP);
    proxy.stall(B_SUBSCRIPTION);
    long stalled = System.nanoTime();
    nodeA.invalidate("a");
    // B cannot hear the invalidation; within the bound it must stop serving what it holds.
    await()
        .atMost(HEARTBEAT_TIMEOUT.plusSeconds(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> "v2".equals(nodeB.get("a", k -> "v2")));
    Duration detected = Duration.ofNanos(System.nanoTime() - stalled);
    assertThat(tierB.healthCheck().check().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(tierB.healthCheck().check().details()).containsEntry("heartbeatHeard", false);
    System.out.printf("deaf subscription: stopped serving the invalidated value after %d ms%n", detected.toMillis());
    // While deaf nothing is kept in memory: each read goes to the loader, none fails.
    AtomicInteger loads = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThat(nodeB.get("a", k -> "v" + (10 + loads.incrementAndGet()))).isEqualTo("v" + (10 + loads.get()));
    }
    assertThat(loads).hasValue(3);

    proxy.resume(B_SUBSCRIPTION);
    await().atMost(Duration.ofSeconds(5)).until(() -> tierB.healthCheck().check().status() == HealthStatus.UP);
    // Hearing again: memory is trusted again and invalidations arrive as before.
    assertThat(nodeB.get("b", k -> "b1")).isEqualTo("b1");
    assertThat(nodeB.get("b", k -> "b-other")).isEqualTo("b1");
    nodeA.invalidate("b");
    await().atMost(Duration.ofSeconds(5)).until(() -> "b2".equals(nodeB.get("b", k -> "b2")));
  }
}
