package dev.hotpath.servlet.internal;

import dev.hotpath.servlet.RateLimit;
import dev.hotpath.servlet.RateLimitStore;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code RedisRateLimitStore}: Bucket4j buckets in Redis through its Lettuce integration. */
public final class Bucket4jRateLimitStore implements RateLimitStore {
  private final ProxyManager<byte[]> buckets;
  private final String keyPrefix;
  private final Map<RateLimit, BucketConfiguration> configs = new ConcurrentHashMap<>();

  /**
   * Creates the store.
   *
   * @param connection the connection, byte[] keys and values
   * @param keyPrefix what Redis keys start with
   * @param keepAfterFull how long a key outlives the moment its bucket would be full again
   */
  public Bucket4jRateLimitStore(StatefulRedisConnection<byte[], byte[]> connection, String keyPrefix,
      Duration keepAfterFull) {
    this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(keepAfterFull))
        .build();
    this.keyPrefix = keyPrefix;
  }

  @Override
  public Outcome acquire(String route, RateLimit limit, String client) {
    BucketConfiguration config = configs.computeIfAbsent(limit, Bucket4jRateLimitStore::config);
    ConsumptionProbe probe = buckets.builder().build(key(route, client), () -> config)
        .tryConsumeAndReturnRemaining(1);
    long nanos = probe.isConsumed() ? probe.getNanosToWaitForReset() : probe.getNanosToWaitForRefill();
    return new Outcome(probe.isConsumed(), Math.max(0, probe.getRemainingTokens()),
        Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
  }

  private static BucketConfiguration config(RateLimit limit) {
    return BucketConfiguration.builder()
        .addLimit(Bandwidth.builder().capacity(limit.limit())
            .refillIntervally(limit.limit(), limit.period()).build())
        .build();
  }

  /** The prefix and a SHA-256 of route and client: the client key never reaches Redis in clear. */
  private byte[] key(String route, String client) {
    MessageDigest sha = DedupKey.sha256();
    sha.update(route.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) '\n');
    byte[] digest = sha.digest(client.getBytes(StandardCharsets.UTF_8));
    return (keyPrefix + HexFormat.of().formatHex(digest)).getBytes(StandardCharsets.UTF_8);
  }
}
