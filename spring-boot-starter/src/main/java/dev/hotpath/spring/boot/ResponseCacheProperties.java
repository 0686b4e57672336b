package dev.hotpath.spring.boot;

import dev.hotpath.servlet.ResponseCacheFilter;
import dev.hotpath.servlet.ResponseCacheRule;
import dev.hotpath.servlet.ResponseStore;
import dev.hotpath.spring.boot.internal.PatternRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code hotpath.servlet.response-cache.*}: whole GET responses cached by route, in a
 * {@link ResponseCacheFilter}. Off unless {@code enabled}; with the cache block's Redis tier the
 * pages are shared by every node and {@link TieredCacheManager#invalidateTag} (or
 * {@link InvalidateTags}) drops them on all of them.
 *
 * @param enabled whether the filter is registered
 * @param maxEntries the most pages kept in memory
 * @param maxBodySize the largest body stored; larger responses stream through uncached
 * @param redis whether pages are kept in the Redis tier too, when the cache block has one
 * @param rules how each route is cached, keyed by method and Spring MVC path pattern, such as
 *     {@code hotpath.servlet.response-cache.rules[GET /albums/{id}].ttl=5m}
 */
public record ResponseCacheProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("10000") int maxEntries,
    @DefaultValue("256KB") DataSize maxBodySize,
    @DefaultValue("true") boolean redis,
    Map<String, Rule> rules) {

  static final String PREFIX = "hotpath.servlet.response-cache";

  /**
   * Binds the map to an unmodifiable copy.
   *
   * @param enabled the bound value
   * @param maxEntries the bound value
   * @param maxBodySize the bound value
   * @param redis the bound value
   * @param rules the bound value
   */
  public ResponseCacheProperties {
    rules = rules == null ? Map.of() : Map.copyOf(rules);
  }

  void check(Checks checks) {
    checks.apply(PREFIX + ".max-entries", () -> ResponseStore.inMemory(maxEntries));
    configure(ResponseCacheFilter.builder(), checks);
  }

  /** Applies the body bound and every rule (not the store, routes or metrics). */
  void configure(ResponseCacheFilter.Builder builder, Checks checks) {
    checks.apply(PREFIX + ".max-body-size", () -> builder.maxBodyBytes(bytes(maxBodySize)));
    rules.forEach((route, rule) -> {
      String property = PREFIX + ".rules[" + route + "]";
      ResponseCacheRule compiled = rule.compile(property, checks);
      if (compiled != null) {
        checks.apply(property, () -> {
          PatternRoutes.check(route);
          builder.rule(route, compiled);
        });
      }
    });
  }

  /** The longest any page may live (ttl plus stale window): the page store's own upper bound. */
  Duration longestLife() {
    return rules.values().stream()
        .filter(rule -> rule.ttl() != null)
        .map(rule -> rule.ttl().plus(rule.staleWhileRevalidate()))
        .max(Duration::compareTo).orElse(Duration.ofMinutes(1));
  }

  private static int bytes(DataSize size) {
    if (size == null || size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "maxBodySize must be 1 byte to 2 GB, was " + (size == null ? null : size.toBytes() + "B"));
    }
    return (int) size.toBytes();
  }

  /** Whether a cached page may be served to other identities. */
  public enum Scope {
    /** Kept apart by {@code Authorization}, {@code Cookie} and the de-dup identity headers. */
    PER_IDENTITY,
    /** One page for everyone: only for pages that show nothing of who asks. */
    PUBLIC
  }

  /**
   * How one route is cached.
   *
   * @param ttl how long a page is fresh (shortened by the response's own {@code max-age})
   * @param staleWhileRevalidate how long past {@code ttl} a page is served while one request
   *     renders it anew
   * @param tags tag templates filled from the pattern's path variables, such as
   *     {@code album:{id}}; invalidating {@code album:42} drops the pages of album 42
   * @param scope {@code per-identity} (default) or {@code public}
   */
  public record Rule(
      Duration ttl,
      @DefaultValue("0s") Duration staleWhileRevalidate,
      List<String> tags,
      @DefaultValue("per-identity") Scope scope) {

    /**
     * Binds the list to an unmodifiable copy.
     *
     * @param ttl the bound value
     * @param staleWhileRevalidate the bound value
     * @param tags the bound value
     * @param scope the bound value
     */
    public Rule {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The servlet rule, or null when a part was rejected (recorded in {@code checks}). */
    ResponseCacheRule compile(String property, Checks checks) {
      ResponseCacheRule rule = checks.get(property + ".ttl", () -> ResponseCacheRule.ttl(ttl));
      if (rule == null) {
        return null;
      }
      ResponseCacheRule base = rule;
      rule = checks.get(property + ".stale-while-revalidate",
          () -> base.staleWhileRevalidate(staleWhileRevalidate));
      if (rule == null) {
        return null;
      }
      ResponseCacheRule windowed = rule;
      rule = checks.get(property + ".tags", () -> windowed.tags(tags.toArray(String[]::new)));
      if (rule == null) {
        return null;
      }
      return scope == Scope.PUBLIC ? rule.shared() : rule;
    }
  }
}
