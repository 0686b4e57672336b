package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import java.time.Duration;

/**
 * An immutable {@code Cache-Control} value for {@link CacheControlFilter}, built from
 * {@link #maxAge(Duration)}, {@link #noStore()} or {@link #noCache()} and refined with the
 * {@code with...} methods, each returning a new policy.
 */
public final class CachePolicy {
  private final boolean noStore;
  private final boolean noCache;
  private final boolean isPrivate;
  private final boolean immutable;
  private final long maxAge;
  private final long sharedMaxAge;
  private final long staleWhileRevalidate;
  private final String headerValue;

  private CachePolicy(boolean noStore, boolean noCache, boolean isPrivate, boolean immutable,
      long maxAge, long sharedMaxAge, long staleWhileRevalidate) {
    this.noStore = noStore;
    this.noCache = noCache;
    this.isPrivate = isPrivate;
    this.immutable = immutable;
    this.maxAge = maxAge;
    this.sharedMaxAge = sharedMaxAge;
    this.staleWhileRevalidate = staleWhileRevalidate;
    this.headerValue = format();
  }

  /**
   * Caches for a time: {@code public, max-age=N}.
   *
   * @param maxAge how long a response stays fresh, whole seconds, not negative
   * @return the policy
   * @throws NullPointerException when {@code maxAge} is null
   * @throws IllegalArgumentException when {@code maxAge} is negative
   */
  public static CachePolicy maxAge(Duration maxAge) {
    return new CachePolicy(false, false, false, false, seconds("maxAge", maxAge), -1, -1);
  }

  /**
   * Forbids storing the response anywhere: {@code no-store}.
   *
   * @return the policy
   */
  public static CachePolicy noStore() {
    return new CachePolicy(true, false, false, false, -1, -1, -1);
  }

  /**
   * Allows storing but demands revalidation before each use (pairs with ETags): {@code no-cache}.
   *
   * @return the policy
   */
  public static CachePolicy noCache() {
    return new CachePolicy(false, true, false, false, -1, -1, -1);
  }

  /**
   * Sets a separate freshness for shared caches (CDNs): {@code s-maxage=N}.
   *
   * @param sharedMaxAge whole seconds, not negative
   * @return a new policy
   * @throws NullPointerException when null
   * @throws IllegalArgumentException when negative
   * @throws IllegalStateException when the policy is no-store
   */
  public CachePolicy withSharedMaxAge(Duration sharedMaxAge) {
    requireStorable("s-maxage");
    return new CachePolicy(noStore, noCache, isPrivate, immutable, maxAge,
        seconds("sharedMaxAge", sharedMaxAge), staleWhileRevalidate);
  }

  /**
   * Lets caches serve a stale response while they revalidate in the background (RFC 5861):
   * {@code stale-while-revalidate=N}.
   *
   * @param window whole seconds, not negative
   * @return a new policy
   * @throws NullPointerException when null
   * @throws IllegalArgumentException when negative
   * @throws IllegalStateException when the policy is no-store
   */
  public CachePolicy withStaleWhileRevalidate(Duration window) {
    requireStorable("stale-while-revalidate");
    return new CachePolicy(noStore, noCache, isPrivate, immutable, maxAge, sharedMaxAge,
        seconds("staleWhileRevalidate", window));
  }

  /**
   * Restricts storing to the client's own cache: {@code private} instead of {@code public}.
   *
   * @return a new policy
   * @throws IllegalStateException when the policy is no-store
   */
  public CachePolicy withPrivate() {
    requireStorable("private");
    return new CachePolicy(noStore, noCache, true, immutable, maxAge, sharedMaxAge, staleWhileRevalidate);
  }

  /**
   * Tells clients the response never changes while fresh (fingerprinted assets): {@code immutable}.
   *
   * @return a new policy
   * @throws IllegalStateException when the policy is no-store
   */
  public CachePolicy withImmutable() {
    requireStorable("immutable");
    return new CachePolicy(noStore, noCache, isPrivate, true, maxAge, sharedMaxAge, staleWhileRevalidate);
  }

  /**
   * Returns the header value.
   *
   * @return e.g. {@code public, max-age=60, s-maxage=300, stale-while-revalidate=30}
   */
  public String headerValue() {
    return headerValue;
  }

  @Override
  public String toString() {
    return headerValue;
  }

  private void requireStorable(String directive) {
    Check.state(!noStore, "%s cannot be combined with no-store", directive);
  }

  private static long seconds(String name, Duration duration) {
    return Check.notNegative(duration, name).getSeconds();
  }

  private String format() {
    if (noStore) {
      return "no-store";
    }
    StringBuilder value = new StringBuilder(isPrivate ? "private" : "public");
    if (noCache) {
      value.append(", no-cache");
    }
    if (maxAge >= 0) {
      value.append(", max-age=").append(maxAge);
    }
    if (sharedMaxAge >= 0) {
      value.append(", s-maxage=").append(sharedMaxAge);
    }
    if (staleWhileRevalidate >= 0) {
      value.append(", stale-while-revalidate=").append(staleWhileRevalidate);
    }
    if (immutable) {
      value.append(", immutable");
    }
    return value.toString();
  }
}
