package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.internal.Bucket4jRateLimitStore;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;

/**
 * Rate limits shared by every node through Redis: each (client, route) budget is a Bucket4j
 * bucket (capacity {@link RateLimit#limit()}, refilled whole every {@link RateLimit#period()},
 * like the in-memory fixed window) kept in Redis by Bucket4j's Lettuce integration, updated by
 * compare-and-swap, so N nodes allow a client the limit once, not N times.
 *
 * <p>Optional: Bucket4j ({@code com.bucket4j:bucket4j_jdk17-lettuce}) and Lettuce are optional
 * dependencies of this module; add both to use this class. Redis keys are
 * {@code <prefix><SHA-256 of route and client key>}, so client keys (API keys, addresses) never
 * reach Redis in clear; each expires once its bucket would be full again (plus a few seconds),
 * so Redis holds only clients seen within a period. Every request makes one Redis round trip on
 * the request thread: give the connection a short timeout
 * ({@code connection.setTimeout(Duration.ofMillis(200))}); when Redis fails, the filter lets the
 * request pass.
 */
public final class RedisRateLimitStore {
  private RedisRateLimitStore() {}

  /**
   * Creates a store on a connection.
   *
   * @param connection a Lettuce connection with {@code byte[]} keys and values
   *     ({@code client.connect(ByteArrayCodec.INSTANCE)}), shared, not closed by the store
   * @param keyPrefix what every Redis key starts with, e.g. {@code "gallery:ratelimit:"}; every
   *     node sharing budgets uses the same one
   * @return the store
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when the prefix is blank
   */
  public static RateLimitStore create(StatefulRedisConnection<byte[], byte[]> connection, String keyPrefix) {
    Check.notNull(connection, "connection");
    Check.notBlank(keyPrefix, "keyPrefix");
    return new Bucket4jRateLimitStore(connection, keyPrefix, Duration.ofSeconds(5));
  }
}
