package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.internal.ClientLimiters;

/**
 * Where {@link RateLimitFilter} keeps each client's budget. The default,
 * {@link #inMemory(long)}, holds Resilience4j limiters in this JVM (so N nodes allow N times a
 * limit); {@link RedisRateLimitStore} keeps Bucket4j buckets in Redis, so every node draws on
 * one budget per client. Implementations must be thread-safe; the filter lets a request pass,
 * without {@code RateLimit} headers, when {@link #acquire} throws.
 */
public interface RateLimitStore {
  /**
   * What one request learnt from its client's budget.
   *
   * @param allowed whether the request may pass
   * @param remaining requests left in the window, at least 0
   * @param secondsToReset seconds until the budget is full again (for a refused request: until
   *     the next request may pass), at least 1
   */
  record Outcome(boolean allowed, long remaining, long secondsToReset) {
    /**
     * Validates the outcome.
     *
     * @param allowed whether the request may pass
     * @param remaining requests left
     * @param secondsToReset seconds until the reset
     * @throws IllegalArgumentException when {@code remaining} is negative or
     *     {@code secondsToReset} less than 1
     */
    public Outcome {
      Check.atLeast(remaining, 0, "remaining");
      Check.atLeast(secondsToReset, 1, "secondsToReset");
    }
  }

  /**
   * Takes one request from the client's budget under a route's limit.
   *
   * @param route the route the limit belongs to (budgets of two routes are apart)
   * @param limit the limit
   * @param client the client key, never null (empty for requests without one); implementations
   *     must not put it in a message, log line or metric
   * @return whether the request may pass, what remains and when the budget resets
   */
  Outcome acquire(String route, RateLimit limit, String client);

  /**
   * Returns how many (client, route) budgets this store holds in this JVM, or -1 when it does
   * not count them (a shared store, whose entries expire in the shared server).
   *
   * @return the number held, or -1
   */
  default long tracked() {
    return -1;
  }

  /**
   * Budgets in this JVM: one Resilience4j {@code RateLimiter} (fixed window, never parking the
   * request thread) per (client, route), in a Caffeine cache of at most {@code maxTrackedClients}
   * whose W-TinyLFU admission keeps clients that come back when a flood of one-shot keys
   * arrives; a dropped client starts a fresh window.
   *
   * @param maxTrackedClients the bound, at least 1
   * @return a new store
   * @throws IllegalArgumentException when {@code maxTrackedClients} is less than 1
   */
  static RateLimitStore inMemory(long maxTrackedClients) {
    return new ClientLimiters(Check.atLeast(maxTrackedClients, 1, "maxTrackedClients"));
  }
}
