package dev.hotpath.benchmarks.cache;

import java.util.UUID;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * What the cache benchmarks that use Redis share: where Redis is, a key prefix of their own per
 * run (so runs, and keys a failed run left behind, never collide), a Redisson client, and the
 * check that a benchmark reads a hit rather than a miss.
 */
final class CacheBenchmarks {
  private CacheBenchmarks() {}

  /** {@code HOTPATH_REDIS_URI}, default {@code redis://127.0.0.1:6379}. */
  static String redisUri() {
    return System.getenv().getOrDefault("HOTPATH_REDIS_URI", "redis://127.0.0.1:6379");
  }

  /** {@code bench-} and eight random hex digits, new on every call. */
  static String freshPrefix() {
    return "bench-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A Redisson client with Redisson's defaults on {@link #redisUri()}. */
  static RedissonClient redisson() {
    Config config = new Config();
    config.useSingleServer().setAddress(redisUri());
    return Redisson.create(config);
  }

  /**
   * Throws unless {@code actual} is {@code expected}: a benchmark that claims a hit must not be
   * measuring a miss.
   */
  static void requireHit(String benchmark, String key, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      throw new IllegalStateException(
          benchmark + " must read a hit of " + key + " (" + expected + ") but read " + actual);
    }
  }
}
