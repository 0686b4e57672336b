package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The topology tests on a Redis Cluster the test starts (three masters, one replica each), each
 * node with its own {@link RedisClusterClient}; the failovers hit the master of the versions hash.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTest extends RedisTopologyTestBase {
  private static OwnRedisCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = new OwnRedisCluster();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  RedisTier newTier(String prefix, List<AutoCloseable> closeLast) {
    RedisClusterClient client = cluster.client();
    closeLast.add(() -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    return RedisTier.builder(client).keyPrefix(prefix).operationTimeout(TIMEOUT).heartbeatTimeout(Duration.ofSeconds(3)).build();
  }

  @Override
  void failOver(String versionsKey, boolean kill) {
    int master = cluster.masterOf(versionsKey);
    int promoted = kill ? cluster.killMaster(master) : cluster.failover(master);
    assertThat(cluster.masterOf(versionsKey)).isEqualTo(promoted);
  }
}
