package dev.hotpath.examples;

import dev.hotpath.cache.RedisTier;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Redis for the examples' tests that share it between nodes: one connection for the
 * test's own reads, a key prefix of the test class's own (so runs never see each other's keys),
 * the Redis tiers the nodes use, and the prefix's keys deleted after the class. Register it as a
 * static {@code @RegisterExtension} field.
 */
public final class SharedRedis implements BeforeAllCallback, AfterAllCallback {
  private final String prefix;
  private RedisURI uri;
  private RedisClient client;
  private StatefulRedisConnection<String, String> connection;

  /**
   * @param name the start of the key prefix, naming the test
   */
  public SharedRedis(String name) {
    this.prefix = name + "-" + UUID.randomUUID();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    uri = RedisURI.create(TestServices.redis().uri());
    client = RedisClient.create(uri);
    connection = client.connect();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    List<String> keys = connection.sync().keys(prefix + ":*");
    if (!keys.isEmpty()) {
      connection.sync().del(keys.toArray(String[]::new));
    }
    connection.close();
    client.shutdown();
  }

  /**
   * A new Redis tier under this test's prefix, as one node would have; the caller closes it.
   *
   * @return the tier
   */
  public RedisTier tier() {
    return RedisTier.builder(uri).keyPrefix(prefix).build();
  }

  /**
   * Whether Redis holds a key under this test's prefix.
   *
   * @param key the key after the prefix, such as {@code photos:k:7}
   * @return true if it exists
   */
  public boolean exists(String key) {
    return connection.sync().exists(prefix + ":" + key) == 1;
  }

  /**
   * The keys under this test's prefix that match a pattern.
   *
   * @param pattern a Redis pattern after the prefix, such as {@code pages:k:*}
   * @return the full keys
   */
  public List<String> keys(String pattern) {
    return connection.sync().keys(prefix + ":" + pattern);
  }
}
