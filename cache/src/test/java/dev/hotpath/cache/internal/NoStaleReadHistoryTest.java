package dev.hotpath.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.Codec;
import dev.hotpath.cache.PrefixCleanup;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN invariant 1 checked on a recorded history ({@link HistoryRecorder}): two nodes (two
 * caches, each with its own {@link RedisTier} and Lettuce client, over the one real Redis, in
 * one JVM), slow loaders reading a versioned source, and writers that raise the source version,
 * then invalidate by key or by tag on their own node. {@link NoStaleReadTwoJvmTest} runs the
 * nodes in two JVMs.
 */
class NoStaleReadHistoryTest {
  private static final Duration RUN = Duration.ofSeconds(3);

  private String prefix;
  private final List<RedisTier> tiers = new ArrayList<>();
  private final List<DefaultTieredCache<String, Long>> nodes = new ArrayList<>();
  private final AtomicLongArray source = new AtomicLongArray(HistoryRecorder.KEYS);
  private final HistoryRecorder history =
      new HistoryRecorder(
          new HistoryRecorder.Source() {
            @Override
            public long current(int key) {
              return source.get(key);
            }

            @Override
            public long raise(int key) {
              return source.incrementAndGet(key);
            }
          });
  private RedisEndpoint redis;

  @BeforeEach
  void findRedis() {
    redis = TestServices.redis();
    prefix = "stalehist-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Two nodes; with {@code timed}, values expire within a few loads, are served stale while a
   * refresh runs, and a load slower than the soft timeout is answered by fail-safe while it
   * completes in the background: none of which may return an invalidated value.
   */
  private void twoNodes(boolean timed) {
    for (int i = 0; i < 2; i++) {
      RedisTier tier =
          RedisTier.builder(RedisURI.create(redis.uri())).keyPrefix(prefix).operationTimeout(Duration.ofSeconds(1)).build();
      tiers.add(tier);
      var builder = TieredCache.<String, Long>builder("history").maximumSize(1_000).redisTier(tier, Codec.json(Long.class));
      if (timed) {
        builder
            .ttl(Duration.ofMillis(30))
            .staleWhileRevalidate(Duration.ofMillis(30))
            .failSafe(Duration.ofSeconds(1), Duration.ofMillis(20))
            .loaderTimeouts(Duration.ofMillis(10), Duration.ofSeconds(5));
      }
      TieredCache<String, Long> cache = builder.build();
      nodes.add((DefaultTieredCache<String, Long>) cache);
    }
  }

  @AfterEach
  void closeNodes() {
    nodes.forEach(TieredCache::close);
    tiers.forEach(RedisTier::close);
    PrefixCleanup.deleteKeys(redis.uri(), prefix);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"plain", "ttl, stale window, fail-safe and loader timeouts"})
  void noReadReturnsAVersionOlderThanAnInvalidationItHadToKnowOf(String variant) throws Exception {
    twoNodes(!variant.equals("plain"));
    long deadline = System.nanoTime() + RUN.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      int node = n;
      // Fewer invalidations with expiry on, so that values also get to expire un-invalidated.
      int maxPause = variant.equals("plain") ? 9 : 40;
      DefaultTieredCache<String, Long> cache = nodes.get(n);
      threads.add(HistoryRecorder.start("writer-" + n, () -> history.write(cache, node, deadline, maxPause)));
      for (int r = 0; r < 3; r++) {
        threads.add(HistoryRecorder.start("reader-" + n + "-" + r, () -> history.read(cache, node, deadline)));
      }
    }
    for (Thread thread : threads) {
      thread.join(RUN.toMillis() + 10_000);
      assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
    }
    assertThat(history.failures).as("reads or invalidations that threw").hasValue(0);
    HistoryRecorder.Verdict verdict = HistoryRecorder.check(history.invalidations, history.reads);
    System.out.println("stale-read history (" + variant + "): " + verdict.summary());
    long staleServed = nodes.stream().mapToLong(node -> node.stats().staleServed()).sum();
    long failSafeServed = nodes.stream().mapToLong(node -> node.stats().failSafeServed()).sum();
    System.out.printf("  served in the stale window: %d, by fail-safe: %d%n", staleServed, failSafeServed);
    if (!variant.equals("plain")) {
      assertThat(staleServed + failSafeServed).as("stale and fail-safe values served").isPositive();
    }
    assertThat(verdict.invalidations()).as("invalidations recorded").isGreaterThan(50);
    assertThat(verdict.checked()).as("reads that had to know of an invalidation").isGreaterThan(200);
    assertThat(verdict.stale()).as("stale reads").isEmpty();
  }
}
