package dev.hotpath.spring.boot;

import dev.hotpath.servlet.ClientKey;
import dev.hotpath.servlet.RateLimit;
import dev.hotpath.servlet.RateLimitFilter;
import dev.hotpath.spring.boot.internal.PatternRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hotpath.servlet.rate-limit.*}: inbound limits per client and route, in a
 * {@link RateLimitFilter} (429 with {@code Retry-After} past the limit). Off unless
 * {@code enabled}. Limits are per node.
 *
 * @param enabled whether the filter is registered
 * @param rules the limit of each route, keyed by method and Spring MVC path pattern, such as
 *     {@code hotpath.servlet.rate-limit.rules[GET /api/labels].permits=10}
 * @param clientKey how clients are told apart
 * @param maxTrackedClients the hard bound on (client, rule) limiters held in memory
 */
public record RateLimitProperties(
    @DefaultValue("false") boolean enabled,
    Map<String, Rule> rules,
    @DefaultValue Client clientKey,
    @DefaultValue("10000") long maxTrackedClients) {

  static final String PREFIX = "hotpath.servlet.rate-limit";

  /**
   * Binds the map to an unmodifiable copy.
   *
   * @param enabled the bound value
   * @param rules the bound value
   * @param clientKey the bound value
   * @param maxTrackedClients the bound value
   */
  public RateLimitProperties {
    rules = rules == null ? Map.of() : Map.copyOf(rules);
  }

  /** Applies the rules, the client key and the bound (not the route resolver). */
  void configure(RateLimitFilter.Builder builder, Checks checks) {
    rules.forEach((route, rule) -> {
      String property = PREFIX + ".rules[" + route + "]";
      checks.apply(property, () -> {
        PatternRoutes.check(route);
        builder.rule(route, RateLimit.of(rule.policyName(route), rule.permits(), rule.period()));
      });
    });
    ClientKey key = clientKey.compile(checks);
    if (key != null) {
      builder.clientKey(key);
    }
    checks.apply(PREFIX + ".max-tracked-clients", () -> builder.maxTrackedClients(maxTrackedClients));
  }

  /**
   * The limit of one route.
   *
   * @param name the policy name in the {@code RateLimit-Policy} header; default: the route in
   *     lower case with every other character than letters, digits, {@code .}, {@code _} and
   *     {@code -} turned into {@code -}
   * @param permits requests each client may make per period
   * @param period the window, whole seconds
   */
  public record Rule(
      String name,
      @DefaultValue("10") int permits,
      @DefaultValue("1s") Duration period) {

    String policyName(String route) {
      if (name != null) {
        return name;
      }
      String derived = route.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-")
          .replaceAll("^-|-$", "");
      return derived.length() > 64 ? derived.substring(0, 64) : derived;
    }
  }

  /**
   * How clients are told apart, first rule that knows first: the API key header (when set),
   * then the authenticated principal (when {@code principal}), then the remote address, read
   * through {@code X-Forwarded-For} only from the trusted proxies.
   *
   * @param header the API key header, such as {@code X-Api-Key}
   * @param principal whether the authenticated principal's name tells clients apart
   * @param trustedProxies the proxies (IP addresses or CIDR ranges, never names) whose
   *     {@code X-Forwarded-For} is believed
   */
  public record Client(
      String header,
      @DefaultValue("false") boolean principal,
      List<String> trustedProxies) {

    /**
     * Binds the list to an unmodifiable copy.
     *
     * @param header the bound value
     * @param principal the bound value
     * @param trustedProxies the bound value
     */
    public Client {
      trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }

    /** The combined rule, or null when a part was rejected (recorded in {@code checks}). */
    ClientKey compile(Checks checks) {
      ClientKey address = checks.get(PREFIX + ".client-key.trusted-proxies",
          () -> trustedProxies.isEmpty() ? ClientKey.remoteAddress()
              : ClientKey.remoteAddress(trustedProxies));
      ClientKey apiKey = header == null ? null
          : checks.get(PREFIX + ".client-key.header", () -> ClientKey.apiKeyHeader(header));
      if (address == null || header != null && apiKey == null) {
        return null;
      }
      ClientKey key = principal ? ClientKey.principal().orElse(address) : address;
      return apiKey == null ? key : apiKey.orElse(key);
    }
  }
}
