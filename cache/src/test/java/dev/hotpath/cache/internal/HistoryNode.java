package dev.hotpath.cache.internal;

import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One cache node of {@link NoStaleReadTwoJvmTest}, in a JVM of its own: three readers and a
 * writer over a source kept in Redis (so both JVMs share it), printing its history as lines.
 *
 * <p>Arguments: Redis URI, key prefix, node number, start time (epoch millis, so both JVMs begin
 * together), run time in millis.
 */
final class HistoryNode {
  private HistoryNode() {}

  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String prefix = args[1];
    int node = Integer.parseInt(args[2]);
    long startAt = Long.parseLong(args[3]);
    long runMillis = Long.parseLong(args[4]);
    RedisClient sourceClient = RedisClient.create(uri);
    try (StatefulRedisConnection<String, String> connection = sourceClient.connect();
        RedisTier tier = RedisTier.builder(RedisURI.create(uri)).keyPrefix(prefix).operationTimeout(Duration.ofSeconds(1)).build();
        TieredCache<String, Long> cache =
            TieredCache.<String, Long>builder("history").maximumSize(1_000).redisTier(tier, Codec.json(Long.class)).build()) {
      RedisCommands<String, String> redis = connection.sync();
      HistoryRecorder history =
          new HistoryRecorder(
              new HistoryRecorder.Source() {
                @Override
                public long current(int key) {
                  String version = redis.get(prefix + ":src:" + key);
                  return version == null ? 0 : Long.parseLong(version);
                }

                @Override
                public long raise(int key) {
                  return redis.incr(prefix + ":src:" + key);
                }
              });
      DefaultTieredCache<String, Long> self = (DefaultTieredCache<String, Long>) cache;
      Thread.sleep(Math.max(0, startAt - System.currentTimeMillis()));
      long deadline = System.nanoTime() + Duration.ofMillis(runMillis).toNanos();
      List<Thread> threads = new ArrayList<>();
      threads.add(HistoryRecorder.start("writer", () -> history.write(self, node, deadline, 9)));
      for (int r = 0; r < 3; r++) {
        threads.add(HistoryRecorder.start("reader-" + r, () -> history.read(self, node, deadline)));
      }
      for (Thread thread : threads) {
        thread.join();
      }
      StringBuilder out = new StringBuilder();
      history.invalidations.forEach(inv -> out.append(inv.line()).append('\n'));
      history.reads.forEach(read -> out.append(read.line()).append('\n'));
      out.append("FAILURES ").append(history.failures.get()).append('\n');
      System.out.print(out);
      System.out.flush();
    } finally {
      sourceClient.shutdown();
    }
  }
}
