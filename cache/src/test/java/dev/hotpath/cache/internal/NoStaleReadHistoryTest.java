package dev.hotpath.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN invariant 1 checked on a recorded history: two nodes (two caches, each with its own
 * {@link RedisTier} and Lettuce client, over the one real Redis; in one JVM, so they share a
 * clock but nothing else), slow loaders reading a versioned source, and writers that raise the
 * source version, then invalidate by key or by tag on their own node. Every read records when it
 * began, what its node had applied of each of its key's slots when it began, and which source
 * version it returned. A read must not return a version older than that of an invalidation it had
 * to know of: one that completed on its own node before it began, or whose slot version its node
 * had applied before it began (on the other node: the pub/sub message had arrived).
 */
class NoStaleReadHistoryTest {
  private static final int TAGGED_KEYS = 4;
  private static final int KEYS = 6;
  private static final long LOAD_MILLIS = 20;
  private static final Duration RUN = Duration.ofSeconds(3);

  /** One completed invalidation: after it, reads of {@code key} must see at least {@code source}. */
  private record Invalidation(int key, int node, int slot, long slotVersion, long source, long end) {}

  /** One read: its node, when it ran, its key's slots and their versions on its node at the start. */
  private record Read(
      int key, int node, String kind, long start, long end, int[] slots, long[] known, long returned) {
    long knownVersionOf(int slot) {
      for (int i = 0; i < slots.length; i++) {
        if (slots[i] == slot) {
          return known[i];
        }
      }
      throw new IllegalArgumentException("slot " + slot + " is not one of this read's");
    }
  }

  private String prefix;
  private final List<RedisTier> tiers = new ArrayList<>();
  private final List<DefaultTieredCache<String, Long>> nodes = new ArrayList<>();
  private final AtomicLongArray source = new AtomicLongArray(KEYS);
  private final ConcurrentLinkedQueue<Invalidation> invalidations = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
  private final AtomicLong failures = new AtomicLong();
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
    RedisClient client = RedisClient.create(redis.uri());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      List<String> keys = connection.sync().keys(prefix + ":*");
      if (!keys.isEmpty()) {
        connection.sync().del(keys.toArray(String[]::new));
      }
    } finally {
      client.shutdown();
    }
  }

  private static String key(int k) {
    return "k" + k;
  }

  /** Keys below {@link #TAGGED_KEYS} carry a tag shared with one other key. */
  private static List<String> tags(int k) {
    return k < TAGGED_KEYS ? List.of("group" + (k % 2)) : List.of();
  }

  private long load(int k) {
    long version = source.get(k);
    sleep(LOAD_MILLIS);
    return version;
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
      threads.add(start("writer-" + n, () -> write(node, deadline, maxPause)));
      for (int r = 0; r < 3; r++) {
        threads.add(start("reader-" + n + "-" + r, () -> read(node, deadline)));
      }
    }
    for (Thread thread : threads) {
      thread.join(RUN.toMillis() + 10_000);
      assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
    }
    assertThat(failures).as("reads or invalidations that threw").hasValue(0);

    List<Invalidation> done = List.copyOf(invalidations);
    long checked = 0;
    List<String> stale = new ArrayList<>();
    for (Read read : reads) {
      long required = 0;
      for (Invalidation inv : done) {
        if (inv.key() == read.key()
            && ((inv.node() == read.node() && inv.end() < read.start())
                || read.knownVersionOf(inv.slot()) >= inv.slotVersion())) {
          required = Math.max(required, inv.source());
        }
      }
      if (required > 0) {
        checked++;
      }
      if (read.returned() < required) {
        stale.add(read.kind() + " of " + key(read.key()) + " on node " + read.node() + " returned "
            + read.returned() + ", needed " + required);
      }
    }
    System.out.printf(
        "stale-read history (" + variant + "): %d reads (%d after an invalidation they had to know of), %d invalidations, %d stale (%.2f%%)%n",
        reads.size(), checked, done.size(), stale.size(), checked == 0 ? 0.0 : 100.0 * stale.size() / checked);
    long staleServed = nodes.stream().mapToLong(node -> node.stats().staleServed()).sum();
    long failSafeServed = nodes.stream().mapToLong(node -> node.stats().failSafeServed()).sum();
    System.out.printf("  served in the stale window: %d, by fail-safe: %d%n", staleServed, failSafeServed);
    if (!variant.equals("plain")) {
      assertThat(staleServed + failSafeServed).as("stale and fail-safe values served").isPositive();
    }
    assertThat(done.size()).as("invalidations recorded").isGreaterThan(50);
    assertThat(checked).as("reads that had to know of an invalidation").isGreaterThan(200);
    assertThat(stale).as("stale reads").isEmpty();
  }

  private void write(int node, long deadline, int maxPauseMillis) {
    DefaultTieredCache<String, Long> cache = nodes.get(node);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      int k = random.nextInt(KEYS);
      long version = source.incrementAndGet(k);
      int slot;
      try {
        if (k < TAGGED_KEYS && random.nextBoolean()) {
          String tag = tags(k).get(0);
          cache.invalidateTag(tag);
          slot = cache.versions.tagSlot(tag);
        } else {
          cache.invalidate(key(k));
          slot = cache.versions.keySlot(key(k));
        }
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        continue;
      }
      // Read after the call returned: at least the version this invalidation raised the slot to.
      long slotVersion = cache.versions.get(slot);
      invalidations.add(new Invalidation(k, node, slot, slotVersion, version, System.nanoTime()));
      // Pacing only, so that loads of 20 ms overlap a few invalidations each; correctness is
      // decided from the recorded history, not from timing.
      sleep(random.nextInt(2, maxPauseMillis));
    }
  }

  private void read(int node, long deadline) {
    DefaultTieredCache<String, Long> cache = nodes.get(node);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (System.nanoTime() < deadline) {
      int k = random.nextInt(KEYS);
      String key = key(k);
      int[] slots = TagRules.slotsOf(cache.versions, key, tags(k));
      long[] known = cache.versions.capture(slots);
      int kind = random.nextInt(k < TAGGED_KEYS ? 2 : 3);
      long start = System.nanoTime();
      Long value;
      String name;
      try {
        if (kind == 0) {
          name = "get";
          value = cache.get(key, tags(k), any -> load(k));
        } else if (kind == 1) {
          name = "getAsync";
          value =
              cache
                  .getAsync(key, tags(k), any -> CompletableFuture.supplyAsync(() -> load(k)))
                  .get(10, TimeUnit.SECONDS);
        } else {
          name = "getAll";
          Map<String, Long> all = cache.getAll(List.of(key), keys -> Map.of(key, load(k)));
          value = all.get(key);
        }
      } catch (Exception | Error e) {
        failures.incrementAndGet();
        continue;
      }
      reads.add(new Read(k, node, name, start, System.nanoTime(), slots, known, value));
    }
  }

  private static Thread start(String name, Runnable work) {
    Thread thread = new Thread(work, name);
    thread.start();
    return thread;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
