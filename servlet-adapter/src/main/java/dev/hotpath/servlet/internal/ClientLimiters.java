package dev.hotpath.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hotpath.servlet.RateLimit;
import dev.hotpath.servlet.RateLimitStore;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link RateLimitStore#inMemory}: one Resilience4j limiter per client and route, in a Caffeine
 * cache bounded by count. Caffeine admits a new entry only when it is used more often than the
 * one it would evict (W-TinyLFU), so a flood of one-shot client keys passes through without
 * evicting the limiters of clients that keep coming back, and never grows the cache past its
 * bound.
 */
public final class ClientLimiters implements RateLimitStore {
  /** A limiter and when its first cycle began: Resilience4j counts cycles from creation. */
  private record Tracked(RateLimiter limiter, long startNanos) {}

  private final Map<RateLimit, RateLimiterConfig> configs = new ConcurrentHashMap<>();
  private final Cache<String, Tracked> limiters;

  /**
   * Creates an empty set of limiters.
   *
   * @param maxClients how many (client, route) pairs are tracked at most
   */
  public ClientLimiters(long maxClients) {
    this.limiters = Caffeine.newBuilder().maximumSize(maxClients).build();
  }

  @Override
  public Outcome acquire(String route, RateLimit rule, String client) {
    Tracked tracked = limiters.get(route + "\n" + client, key -> {
      long start = System.nanoTime();
      return new Tracked(RateLimiter.of(rule.name(), configs.computeIfAbsent(rule, ClientLimiters::config)), start);
    });
    boolean allowed = tracked.limiter.acquirePermission();
    int remaining = Math.max(0, tracked.limiter.getMetrics().getAvailablePermissions());
    long period = rule.period().toNanos();
    long toReset = period - Math.floorMod(System.nanoTime() - tracked.startNanos, period);
    return new Outcome(allowed, remaining, Math.max(1, (toReset + 999_999_999L) / 1_000_000_000L));
  }

  private static RateLimiterConfig config(RateLimit rule) {
    return RateLimiterConfig.custom()
        .limitForPeriod(rule.limit())
        .limitRefreshPeriod(rule.period())
        .timeoutDuration(Duration.ZERO) // answer 429 at once, never park the request thread
        .build();
  }

  /**
   * Returns how many (client, route) pairs are tracked, after pending evictions ran.
   *
   * @return the number of limiters held
   */
  @Override
  public long tracked() {
    limiters.cleanUp();
    return limiters.estimatedSize();
  }
}
