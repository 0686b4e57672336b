package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two nodes over the shared test Redis, loading a missing key once between them. */
class CrossNodeLoadLockTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private String prefix;
  private RedisClient raw;
  private StatefulRedisConnection<String, String> rawConnection;
  private RedisTier tierA;
  private RedisTier tierB;

  @BeforeEach
  void connect() {
    String uri = TestServices.redis().uri();
    prefix = "locktest-" + UUID.randomUUID().toString().substring(0, 8);
    raw = RedisClient.create(uri);
    rawConnection = raw.connect();
    tierA = RedisTier.builder(RedisURI.create(uri)).keyPrefix(prefix).operationTimeout(Duration.ofSeconds(1)).build();
    tierB = RedisTier.builder(RedisURI.create(uri)).keyPrefix(prefix).operationTimeout(Duration.ofSeconds(1)).build();
  }

  @AfterEach
  void close() {
    release.countDown();
    pool.shutdownNow();
    tierA.close();
    tierB.close();
    PrefixCleanup.deleteKeys(rawConnection.sync(), prefix);
    rawConnection.close();
    raw.shutdown();
  }

  private TieredCache<String, String> node(RedisTier tier, Duration maxWait) {
    return TieredCache.<String, String>builder("locked")
        .maximumSize(100)
        .crossNodeLoadLock(maxWait)
        .redisTier(tier, Codec.json(String.class))
        .build();
  }

  @Test
  void secondNodeWaitsForTheFirstNodesLoadInsteadOfLoading() throws Exception {
    TieredCache<String, String> nodeA = node(tierA, Duration.ofSeconds(10));
    TieredCache<String, String> nodeB = node(tierB, Duration.ofSeconds(10));
    CountDownLatch aLoading = new CountDownLatch(1);
    Future<String> a = pool.submit(() -> nodeA.get("k", key -> {
      aLoading.countDown();
      release.await();
      return "from-a";
    }));
    assertThat(aLoading.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(rawConnection.sync().exists(prefix + ":locked:l:k")).isEqualTo(1);
    AtomicInteger bLoads = new AtomicInteger();
    AtomicReference<Thread> bThread = new AtomicReference<>();
    Future<String> b = pool.submit(() -> {
      bThread.set(Thread.currentThread());
      return nodeB.get("k", key -> "from-b" + bLoads.incrementAndGet());
    });
    // B is polling Redis for A's value (sleeping between polls), not loading.
    await().until(() -> bThread.get() != null && bThread.get().getState() == Thread.State.TIMED_WAITING);
    release.countDown();
    assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
    assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
    assertThat(bLoads).hasValue(0);
  }

  @Test
  void waitIsBoundedWhenTheLockHolderNeverDelivers() throws Exception {
    TieredCache<String, String> nodeA = node(tierA, Duration.ofMillis(300));
    TieredCache<String, String> nodeB = node(tierB, Duration.ofMillis(300));
    CountDownLatch aLoading = new CountDownLatch(1);
    pool.submit(() -> nodeA.get("k", key -> {
      aLoading.countDown();
      release.await();
      return "from-a";
    }));
    assertThat(aLoading.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(nodeB.get("k", key -> "from-b")).isEqualTo("from-b");
  }

  @Test
  void lockNeedsARedisTier() {
    assertThatThrownBy(() -> TieredCache.builder("c").maximumSize(1).crossNodeLoadLock(Duration.ofSeconds(1)).build())
        .hasMessageContaining("crossNodeLoadLock needs a redisTier");
    assertThatThrownBy(() -> TieredCache.builder("c").crossNodeLoadLock(Duration.ofMinutes(2)))
        .hasMessageContaining("at most PT1M");
  }
}
