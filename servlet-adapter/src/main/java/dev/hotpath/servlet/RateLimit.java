package dev.hotpath.servlet;

import dev.hotpath.metrics.TagValues;
import java.time.Duration;

/**
 * A limit of {@code limit} requests per {@code period} for one client on one route, as
 * {@link RateLimitFilter} applies it. The name is what the {@code RateLimit-Policy} and
 * {@code RateLimit} response headers call the policy.
 *
 * @param name the policy name: letters, digits, {@code -}, {@code _} or {@code .}
 * @param limit requests allowed per period, at least 1
 * @param period the window, at least one second and a whole number of seconds (the headers
 *     count in seconds)
 */
public record RateLimit(String name, int limit, Duration period) {
  /**
   * Validates the limit.
   *
   * @param name the policy name
   * @param limit requests per period
   * @param period the window
   * @throws IllegalArgumentException when a part breaks its rule
   */
  public RateLimit {
    if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new IllegalArgumentException(
          "rate limit name must be 1 to 64 letters, digits, '.', '_' or '-', was " + name);
    }
    TagValues.requireValid(name);
    if (limit < 1) {
      throw new IllegalArgumentException("rate limit " + name + " must allow at least 1 request, was " + limit);
    }
    if (period == null || period.compareTo(Duration.ofSeconds(1)) < 0 || period.toNanosPart() != 0) {
      throw new IllegalArgumentException(
          "rate limit " + name + " period must be whole seconds, at least 1, was " + period);
    }
  }

  /**
   * Creates a limit.
   *
   * @param name the policy name
   * @param limit requests per period
   * @param period the window
   * @return the limit
   * @throws IllegalArgumentException when a part breaks its rule
   */
  public static RateLimit of(String name, int limit, Duration period) {
    return new RateLimit(name, limit, period);
  }
}
