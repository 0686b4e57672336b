package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The series a cache records: the cache name is a tag, never part of the metric name. */
class CacheMetricsTest {

  @Test
  void loadsAndRedisCallsAreSeriesTaggedWithTheCacheName() {
    RedisEndpoint redis = TestServices.redis();
    String prefix = "cachemetrics-" + UUID.randomUUID().toString().substring(0, 8);
    LatencyRegistry registry = LatencyRegistry.create();
    try (RedisTier tier = RedisTier.builder(RedisURI.create(redis.uri())).keyPrefix(prefix)
            .operationTimeout(Duration.ofSeconds(1)).build();
        TieredCache<String, String> cache = TieredCache.<String, String>builder("photos")
            .maximumSize(10).redisTier(tier, Codec.json(String.class)).metrics(registry).build()) {
      cache.get("k", key -> "v");

      assertThat(registry.series().keySet()).extracting(MetricId::name)
          .containsOnly("hotpath.cache.load", "hotpath.cache.l2");
      assertThat(registry.find(MetricId.of("hotpath.cache.load", "cache", "photos")))
          .map(LatencyRecorder::snapshot).hasValueSatisfying(s -> assertThat(s.count()).isEqualTo(1));
      assertThat(registry.find(MetricId.of("hotpath.cache.l2", "cache", "photos"))).isPresent();
    } finally {
      RedisClient raw = RedisClient.create(redis.uri());
      try (StatefulRedisConnection<String, String> connection = raw.connect()) {
        PrefixCleanup.deleteKeys(connection.sync(), prefix);
      } finally {
        raw.shutdown();
      }
    }
  }

  @Test
  void cacheNameFollowsTheInstanceNameRule() {
    assertThatThrownBy(() -> TieredCache.builder("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cache name must be 1 to 64 letters, digits, '.', '_' or '-'");
    assertThat(TieredCache.builder("x".repeat(64))).isNotNull();
  }
}
