package dev.hotpath.cache;

import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two caches named "photos" with their own tiers and Lettuce clients act as two nodes over the
 * shared test Redis, under a key prefix of the test's own; a raw connection looks at what they
 * stored.
 */
abstract class TwoRedisNodesTestBase {
  static RedisEndpoint redis;
  static RedisClient raw;
  static StatefulRedisConnection<String, String> rawConnection;

  String prefix;
  RedisTier tierA;
  RedisTier tierB;
  TieredCache<String, String> nodeA;
  TieredCache<String, String> nodeB;

  @BeforeAll
  static void findRedis() {
    redis = TestServices.redis();
    raw = RedisClient.create(redis.uri());
    rawConnection = raw.connect();
  }

  @AfterAll
  static void closeRaw() {
    rawConnection.close();
    raw.shutdown();
  }

  @BeforeEach
  void twoNodes() {
    // Unique per test: the Redis is shared with other helpers' tests.
    prefix = "cachetest-" + UUID.randomUUID().toString().substring(0, 8);
    tierA = tier();
    tierB = tier();
    nodeA = cache(tierA, "photos", Codec.json(String.class));
    nodeB = cache(tierB, "photos", Codec.json(String.class));
  }

  @AfterEach
  void closeNodes() {
    nodeA.close();
    nodeB.close();
    tierA.close();
    tierB.close();
    PrefixCleanup.deleteKeys(rawConnection.sync(), prefix);
  }

  RedisTier tier() {
    return RedisTier.builder(RedisURI.create(redis.uri())).keyPrefix(prefix).operationTimeout(Duration.ofSeconds(1)).build();
  }

  static <V> TieredCache<String, V> cache(RedisTier tier, String name, Codec<V> codec) {
    return TieredCache.<String, V>builder(name).maximumSize(1_000).redisTier(tier, codec).build();
  }
}
