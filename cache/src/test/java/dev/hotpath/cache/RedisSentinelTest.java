package dev.hotpath.cache;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The topology tests on a Sentinel setup the test starts (one master, one replica, three
 * sentinels), each node a tier built from the Sentinel {@code RedisURI}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelTest extends RedisTopologyTestBase {
  private static OwnRedisSentinel sentinel;

  @BeforeAll
  static void startSentinel() {
    sentinel = new OwnRedisSentinel();
  }

  @AfterAll
  static void stopSentinel() {
    if (sentinel != null) {
      sentinel.close();
    }
  }

  @Override
  RedisTier newTier(String prefix, List<AutoCloseable> closeLast) {
    return RedisTier.builder(sentinel.uri()).keyPrefix(prefix).operationTimeout(TIMEOUT).heartbeatTimeout(Duration.ofSeconds(3)).build();
  }

  @Override
  void failOver(String versionsKey, boolean kill) {
    sentinel.failOver(kill);
  }
}
