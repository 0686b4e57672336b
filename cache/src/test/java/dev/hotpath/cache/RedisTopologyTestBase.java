package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two cache nodes, each with its own Lettuce client, on a replicated Redis topology a subclass
 * starts: every operation, then a master failover (graceful, then a killed master) while both
 * nodes read and one invalidates. The kill runs last: it leaves the topology with one replica less.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RedisTopologyTestBase {
  /**
   * The tiers' operation timeout: above the default, so that a slow answer on this shared, busy
   * machine is not counted as an L2 error; a failed master's calls still end within it.
   */
  static final Duration TIMEOUT = Duration.ofMillis(500);
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<AutoCloseable> closeLast = new ArrayList<>();
  private String prefix;
  private RedisTier tierA;
  private RedisTier tierB;

  @BeforeEach
  void connect() {
    prefix = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    tierA = tier();
    tierB = tier();
  }

  private RedisTier tier() {
    RedisTier tier = newTier(prefix, closeLast);
    closeLast.add(0, tier);
    return tier;
  }

  /**
   * A tier on the topology under test, its keys under {@code prefix}.
   *
   * @param closeLast where to add what must be closed after the tier (a client of its own)
   */
  abstract RedisTier newTier(String prefix, List<AutoCloseable> closeLast);

  /**
   * Fails the master holding {@code versionsKey} over to a replica, gracefully or by killing it,
   * and returns once the topology serves that key from the new master.
   */
  abstract void failOver(String versionsKey, boolean kill);

  @AfterEach
  void close() throws Exception {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    for (AutoCloseable closeable : closeLast) {
      closeable.close();
    }
  }

  private static TieredCache<String, String> node(RedisTier tier, Duration lockWait) {
    TieredCacheBuilder<String, String> builder =
        TieredCache.<String, String>builder("items").maximumSize(10_000).redisTier(tier, Codec.json(String.class));
    return (lockWait == null ? builder : builder.crossNodeLoadLock(lockWait)).build();
  }

  @Test
  @Order(1)
  void getPutGetAllAndTagsWorkAcrossNodes() {
    TieredCache<String, String> a = node(tierA, null);
    TieredCache<String, String> b = node(tierB, null);
    // A writes to Redis in the background: B polls with loaders that find nothing (not cached).
    a.put("put", "put-by-a", List.of());
    RedisProcesses.await(Duration.ofSeconds(5), () -> "put-by-a".equals(b.get("put", key -> null)), "b reading a's put from Redis");

    // In a cluster the keys spread over every master's slots: B's getAll reads them with one MGET per slot.
    List<String> keys = IntStream.range(0, 30).mapToObj(i -> "many-" + i).toList();
    assertThat(a.getAll(keys, missing -> toValues(missing, "a"))).hasSize(30);
    RedisProcesses.await(
        Duration.ofSeconds(5), () -> b.getAll(keys, missing -> Map.of()).equals(toValues(keys, "a")), "b's getAll from Redis");

    assertThat(b.get("tagged", List.of("album:7"), key -> "v1")).isEqualTo("v1");
    assertThat(b.get("untagged", key -> "w1")).isEqualTo("w1");
    a.invalidateTag("album:7");
    RedisProcesses.await(Duration.ofSeconds(5), () -> "v2".equals(b.get("tagged", List.of("album:7"), key -> "v2")), "tag invalidation on b");
    assertThat(b.get("untagged", key -> "w2")).isEqualTo("w1");

    a.invalidate("untagged");
    RedisProcesses.await(Duration.ofSeconds(5), () -> "w3".equals(b.get("untagged", key -> "w3")), "key invalidation on b");
    assertThat(b.stats().l2Errors()).isZero();
    assertThat(a.stats().l2Errors()).isZero();
  }

  private static String health(RedisTier tier) {
    try {
      return tier.healthCheck().check().toString();
    } catch (Exception e) {
      return e.toString();
    }
  }

  private static Map<String, String> toValues(java.util.Collection<? extends String> keys, String by) {
    Map<String, String> values = new java.util.HashMap<>();
    keys.forEach(key -> values.put(key, key + "-" + by));
    return values;
  }

  @Test
  @Order(2)
  void crossNodeLoadLockHolds() throws Exception {
    TieredCache<String, String> a = node(tierA, Duration.ofSeconds(10));
    TieredCache<String, String> b = node(tierB, Duration.ofSeconds(10));
    CountDownLatch aLoading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Future<String> fromA = pool.submit(() -> a.get("locked", key -> {
      aLoading.countDown();
      release.await();
      return "from-a";
    }));
    assertThat(aLoading.await(10, TimeUnit.SECONDS)).isTrue();
    AtomicInteger bLoads = new AtomicInteger();
    Future<String> fromB = pool.submit(() -> b.get("locked", key -> "from-b" + bLoads.incrementAndGet()));
    Thread.sleep(100); // B is polling now (it cannot finish: A holds the lock and has written nothing)
    assertThat(fromB.isDone()).isFalse();
    release.countDown();
    assertThat(fromA.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
    assertThat(fromB.get(10, TimeUnit.SECONDS)).isEqualTo("from-a");
    assertThat(bLoads).hasValue(0);
  }

  @Test
  @Order(3)
  void gracefulFailover() throws Exception {
    failoverDuringReadsAndInvalidations(false);
  }

  @Test
  @Order(4)
  void killedMaster() throws Exception {
    failoverDuringReadsAndInvalidations(true);
  }

  /**
   * Both nodes read keys over a versioned source while A updates the source and invalidates; the
   * master holding the versions hash fails over. No read may fail; once the cluster is ok again,
   * an invalidation made on A reaches B.
   */
  private void failoverDuringReadsAndInvalidations(boolean kill) throws Exception {
    TieredCache<String, String> a = node(tierA, null);
    TieredCache<String, String> b = node(tierB, null);
    Map<String, AtomicLong> source = new ConcurrentHashMap<>();
    List<String> keys = IntStream.range(0, 20).mapToObj(i -> "k" + i).toList();
    keys.forEach(key -> source.put(key, new AtomicLong()));
    java.util.function.Function<String, String> current = key -> key + "@" + source.get(key).get();
    CacheLoader<String, String> loader = current::apply;
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    List<Future<?>> workers = new ArrayList<>();
    for (TieredCache<String, String> cache : List.of(a, b, a, b)) {
      workers.add(pool.submit(() -> {
        int i = 0;
        while (!stop.get()) {
          try {
            cache.get(keys.get(i++ % keys.size()), loader);
            reads.incrementAndGet();
          } catch (Throwable t) {
            failures.add(t);
          }
        }
      }));
    }
    workers.add(pool.submit(() -> {
      int i = 0;
      while (!stop.get()) {
        String key = keys.get(i++ % keys.size());
        try {
          source.get(key).incrementAndGet();
          a.invalidate(key);
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        } catch (Throwable t) {
          failures.add(t);
        }
      }
    }));
    Thread.sleep(300);
    String versionsKey = prefix + ":items:v";
    long before = reads.get();
    failOver(versionsKey, kill);
    long during = reads.get() - before;
    Thread.sleep(300);
    stop.set(true);
    for (Future<?> worker : workers) {
      worker.get(10, TimeUnit.SECONDS);
    }
    assertThat(failures).isEmpty();
    assertThat(during).as("reads while the master failed over").isPositive();

    // After the failover: each invalidation on A reaches B (B has the value in memory first).
    for (String key : keys.subList(0, 5)) {
      RedisProcesses.await(
          Duration.ofSeconds(5),
          () -> b.get(key, loader).equals(current.apply(key)),
          "b caught up on " + key + ": has " + b.get(key, loader) + ", source " + current.apply(key) + ", b " + b.stats() + " " + health(tierB) + ", a " + a.stats() + " " + health(tierA));
      String old = b.get(key, loader);
      source.get(key).incrementAndGet();
      a.invalidate(key);
      long sent = System.nanoTime();
      RedisProcesses.await(Duration.ofSeconds(3), () -> !b.get(key, k -> "reloaded").equals(old), "invalidation of " + key + " reaching b");
      System.out.printf("%s %s: invalidation reached b after %d ms%n", getClass().getSimpleName(), kill ? "kill" : "failover", (System.nanoTime() - sent) / 1_000_000);
    }
  }
}
