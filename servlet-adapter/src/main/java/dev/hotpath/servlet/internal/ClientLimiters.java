package dev.hotpath.servlet.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hotpath.servlet.RateLimit;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.List;

/**
 * One Resilience4j limiter per client and route rule, in a Caffeine cache bounded by count.
 * Caffeine admits a new entry only when it is used more often than the one it would evict
 * (W-TinyLFU), so a flood of one-shot client keys passes through without evicting the limiters
 * of clients that keep coming back, and never grows the cache past its bound.
 */
public final class ClientLimiters {
  /**
   * What one request learnt from its client's limiter.
   *
   * @param allowed whether the request may pass
   * @param remaining permissions left in the window
   * @param secondsToReset seconds until the window resets, at least 1
   */
  public record Outcome(boolean allowed, int remaining, long secondsToReset) {}

  /** A limiter and when its first cycle began: Resilience4j counts cycles from creation. */
  private record Tracked(RateLimiter limiter, long startNanos) {}

  private final List<RateLimit> rules;
  private final RateLimiterConfig[] configs;
  private final Cache<String, Tracked> limiters;

  /**
   * Creates an empty set of limiters.
   *
   * @param rules the rules, by index
   * @param maxClients how many (client, rule) pairs are tracked at most
   */
  public ClientLimiters(List<RateLimit> rules, long maxClients) {
    this.rules = List.copyOf(rules);
    this.configs = new RateLimiterConfig[rules.size()];
    for (int i = 0; i < configs.length; i++) {
      configs[i] = RateLimiterConfig.custom()
          .limitForPeriod(rules.get(i).limit())
          .limitRefreshPeriod(rules.get(i).period())
          .timeoutDuration(Duration.ZERO) // answer 429 at once, never park the request thread
          .build();
    }
    this.limiters = Caffeine.newBuilder().maximumSize(maxClients).build();
  }

  /**
   * Takes one permission from the client's limiter of the rule.
   *
   * @param ruleIndex the rule, an index into the rules
   * @param client the client key
   * @return whether the request may pass, what remains and when the window resets
   */
  public Outcome acquire(int ruleIndex, String client) {
    RateLimit rule = rules.get(ruleIndex);
    Tracked tracked = limiters.get(ruleIndex + "\n" + client, key -> {
      long start = System.nanoTime();
      return new Tracked(RateLimiter.of(rule.name(), configs[ruleIndex]), start);
    });
    boolean allowed = tracked.limiter.acquirePermission();
    int remaining = Math.max(0, tracked.limiter.getMetrics().getAvailablePermissions());
    long period = rule.period().toNanos();
    long toReset = period - Math.floorMod(System.nanoTime() - tracked.startNanos, period);
    return new Outcome(allowed, remaining, Math.max(1, (toReset + 999_999_999L) / 1_000_000_000L));
  }

  /**
   * Returns how many (client, rule) pairs are tracked, after pending evictions ran.
   *
   * @return the number of limiters held
   */
  public long tracked() {
    limiters.cleanUp();
    return limiters.estimatedSize();
  }
}
