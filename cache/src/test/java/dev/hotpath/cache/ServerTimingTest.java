package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The cache's entries in a request's Server-Timing, attached as the servlet TimingFilter does. */
class ServerTimingTest extends InMemoryCacheTestBase {
  private static UnitOfWork request(ServerTiming timing) {
    UnitOfWork unit = UnitOfWork.begin("GET /photos");
    unit.attach(ServerTiming.KEY, timing);
    return unit;
  }

  private static Map<String, ServerTiming.Entry> byName(ServerTiming timing) {
    return timing.entries().stream().collect(Collectors.toMap(ServerTiming.Entry::name, e -> e));
  }

  /** Spins (no sleep) until at least {@code nanos} passed, so the loader's time has a lower bound. */
  private static String slowLoad(String key, long nanos) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      Thread.onSpinWait();
    }
    return key + "!";
  }

  @Test
  void memoryHitsAreCountedWithoutTimeAndLoadsWithTheirTime() {
    TieredCache<String, String> cache = builder().build();
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork unit = request(timing)) {
      cache.get("a", k -> slowLoad(k, 2_000_000));
      cache.get("a", k -> "never");
      cache.get("a", k -> "never");
      try (UnitOfWork nested = UnitOfWork.begin("render")) {
        cache.get("a", k -> "never"); // a child unit adds to the root's entries
      }
    }
    Map<String, ServerTiming.Entry> entries = byName(timing);
    assertThat(entries).containsOnlyKeys("cache-hit", "cache-load");
    assertThat(entries.get("cache-hit").count()).isEqualTo(3);
    assertThat(entries.get("cache-hit").duration()).isZero();
    assertThat(entries.get("cache-load").count()).isEqualTo(1);
    assertThat(entries.get("cache-load").duration()).isGreaterThanOrEqualTo(Duration.ofMillis(2));
    assertThat(timing.headerValue(0))
        .contains("cache-hit;dur=0.000;desc=\"3 hits\"")
        .contains("cache-load;dur=")
        .contains(";desc=\"1 load\"");
  }

  @Test
  void outsideARequestNothingIsAddedAndNothingBreaks() {
    TieredCache<String, String> cache = builder().build();
    cache.get("a", k -> "v");
    cache.get("a", k -> "v");
    cache.getAll(List.of("a", "b"), keys -> Map.of("b", "w"));
    try (UnitOfWork withoutTiming = UnitOfWork.begin("no header")) {
      assertThat(cache.get("a", k -> "v")).isEqualTo("v");
      assertThat(cache.get("c", k -> "v")).isEqualTo("v");
    }
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork later = request(timing)) {
      // The earlier calls left nothing behind that a later request would pick up.
      assertThat(timing.entries()).isEmpty();
    }
    assertThat(cache.stats().l1Hits()).isEqualTo(3);
  }

  @Test
  void failedLoadCountsAsALoad() {
    TieredCache<String, String> cache = builder().build();
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork unit = request(timing)) {
      assertThatThrownBy(() -> cache.get("a", k -> {
        throw new IllegalStateException("database down");
      })).isInstanceOf(IllegalStateException.class);
    }
    assertThat(byName(timing).get("cache-load").count()).isEqualTo(1);
    assertThat(byName(timing)).doesNotContainKey("cache-hit");
  }

  @Test
  void asyncLoadCompletingOnAnotherThreadIsCountedForTheRequestThatAskedForIt() {
    TieredCache<String, String> cache = builder().build();
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork unit = request(timing)) {
      CompletableFuture<String> loaded =
          cache.getAsync("a", List.of(), k -> CompletableFuture.supplyAsync(() -> slowLoad(k, 1_000_000), pool));
      assertThat(loaded.join()).isEqualTo("a!");
      assertThat(cache.getAsync("a", List.of(), k -> CompletableFuture.completedFuture("never")).join())
          .isEqualTo("a!");
    }
    Map<String, ServerTiming.Entry> entries = byName(timing);
    assertThat(entries.get("cache-load").count()).isEqualTo(1);
    assertThat(entries.get("cache-load").duration()).isGreaterThanOrEqualTo(Duration.ofMillis(1));
    assertThat(entries.get("cache-hit").count()).isEqualTo(1);
  }

  @Test
  void bulkReadCountsEachHitAndOneLoad() {
    TieredCache<String, String> cache = builder().build();
    cache.put("a", "1", List.of());
    cache.put("b", "2", List.of());
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork unit = request(timing)) {
      Map<String, String> found = cache.getAll(List.of("a", "b", "c", "d"), keys -> Map.of("c", "3", "d", "4"));
      assertThat(found).hasSize(4);
    }
    Map<String, ServerTiming.Entry> entries = byName(timing);
    assertThat(entries.get("cache-hit").count()).isEqualTo(2);
    assertThat(entries.get("cache-load").count()).isEqualTo(1);
  }

  @Test
  void backgroundRefreshIsNotChargedToTheRequestThatTriggeredIt() {
    // The executor carries the unit of work, so only the explicit hand-over keeps the refresh out.
    TieredCache<String, String> cache =
        builder().ttl(Duration.ofMinutes(10)).refreshAfter(Duration.ofMinutes(1)).executor(UnitOfWork.wrap(pool)).build();
    ServerTiming timing = new ServerTiming();
    try (UnitOfWork unit = request(timing)) {
      cache.get("a", k -> "v1");
      ticker.advance(Duration.ofMinutes(2));
      assertThat(cache.get("a", k -> "v2")).isEqualTo("v1"); // served, refresh starts
      await().until(() -> cache.stats().loads() == 2);
    }
    Map<String, ServerTiming.Entry> entries = byName(timing);
    assertThat(entries.get("cache-load").count()).isEqualTo(1);
    assertThat(entries.get("cache-hit").count()).isEqualTo(1);
  }

  @Test
  void redisHitIsCountedAsAHitWithTheRoundTripTime() {
    String prefix = "cachetiming-" + UUID.randomUUID().toString().substring(0, 8);
    RedisURI uri = RedisURI.create(TestServices.redis().uri());
    RedisClient raw = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = raw.connect();
        RedisTier tierA = RedisTier.builder(uri).keyPrefix(prefix).build();
        RedisTier tierB = RedisTier.builder(uri).keyPrefix(prefix).build();
        TieredCache<String, String> nodeA = redisCache(tierA);
        TieredCache<String, String> nodeB = redisCache(tierB)) {
      nodeA.get("a", k -> "from A");
      nodeA.get("b", k -> "from A");
      await().until(() -> connection.sync().exists(prefix + ":photos:k:a", prefix + ":photos:k:b") == 2);
      ServerTiming timing = new ServerTiming();
      try (UnitOfWork unit = request(timing)) {
        assertThat(nodeB.get("a", k -> "from B")).isEqualTo("from A");
        assertThat(nodeB.getAll(Set.of("b"), keys -> Map.of())).containsEntry("b", "from A");
      }
      Map<String, ServerTiming.Entry> entries = byName(timing);
      assertThat(entries).containsOnlyKeys("cache-hit");
      assertThat(entries.get("cache-hit").count()).isEqualTo(2);
      assertThat(entries.get("cache-hit").duration()).isPositive();
      PrefixCleanup.deleteKeys(connection.sync(), prefix);
    } finally {
      raw.shutdown();
    }
  }

  private static TieredCache<String, String> redisCache(RedisTier tier) {
    return TieredCache.<String, String>builder("photos").maximumSize(100).redisTier(tier, Codec.json(String.class)).build();
  }
}
