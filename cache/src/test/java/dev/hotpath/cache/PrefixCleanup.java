package dev.hotpath.cache;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/** Removes what a test wrote to the shared test Redis under its own key prefix (public for the tests of {@code .internal}). */
public final class PrefixCleanup {
  private PrefixCleanup() {}

  /** Deletes every key under {@code prefix + ":"} through an open connection. */
  public static void deleteKeys(RedisCommands<String, String> redis, String prefix) {
    List<String> keys = redis.keys(prefix + ":*");
    if (!keys.isEmpty()) {
      redis.del(keys.toArray(String[]::new));
    }
  }

  /** Deletes every key under {@code prefix + ":"} through a connection of its own. */
  public static void deleteKeys(String uri, String prefix) {
    RedisClient client = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      deleteKeys(connection.sync(), prefix);
    } finally {
      client.shutdown();
    }
  }
}
