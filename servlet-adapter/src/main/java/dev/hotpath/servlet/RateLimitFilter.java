package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.ClientLimiters;
import dev.hotpath.servlet.internal.OncePerRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Limits requests per client and route: each route with a rule allows each client
 * {@link RateLimit#limit()} requests per {@link RateLimit#period()}; the next get {@code 429 Too
 * Many Requests} with {@code Retry-After} (seconds until the window resets) and no call into the
 * application. Every response on a limited route carries the IETF draft
 * (draft-ietf-httpapi-ratelimit-headers) fields {@code RateLimit-Policy: "name";q=limit;w=seconds}
 * and {@code RateLimit: "name";r=remaining;t=seconds}. Routes without a rule are not limited.
 *
 * <p>Routes are named by the {@link RouteResolver} (default {@link RouteResolver#servletMapping()})
 * before the chain runs, so a rule names what is known then: the servlet mapping
 * ({@code GET /api/photos/*}) or the {@link RouteResolver#ROUTE_ATTRIBUTE} set by an earlier
 * filter; Spring MVC's pattern is set later, so under the DispatcherServlet give a resolver
 * of your own. Clients are told apart by the {@link ClientKey} (default: the remote address).
 *
 * <p>The limits are Resilience4j {@code RateLimiter}s (a fixed window per client), held
 * in a Caffeine cache of at most {@link Builder#maxTrackedClients(long)} entries whose admission
 * policy keeps frequent clients when a flood of new keys arrives. Limits are per node: with N
 * nodes behind a balancer a client gets up to N times the limit. Thread-safe.
 */
public final class RateLimitFilter extends HttpFilter {
  private final transient Map<String, Integer> ruleIndexByRoute;
  private final transient List<RateLimit> rules;
  private final transient RouteResolver routes;
  private final transient ClientKey clientKey;
  private final transient ClientLimiters limiters;
  private final transient LongAdder rejected = new LongAdder();

  private RateLimitFilter(Builder builder) {
    this.rules = List.copyOf(builder.rules);
    this.ruleIndexByRoute = Map.copyOf(builder.ruleIndexByRoute);
    this.routes = builder.routes;
    this.clientKey = builder.clientKey;
    this.limiters = new ClientLimiters(rules, builder.maxTrackedClients);
  }

  /**
   * Starts a builder.
   *
   * @return a builder with no rules, the servlet-mapping routes, the remote address as client key
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns how many requests were answered with 429.
   *
   * @return the count since the filter was built
   */
  public long rejected() {
    return rejected.sum();
  }

  /**
   * Returns how many (client, rule) limiters are held, at most the configured bound.
   *
   * @return the number tracked
   */
  public long trackedClients() {
    return limiters.tracked();
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(request, response, chain, OncePerRequest.RATE_LIMIT)) {
      return;
    }
    String route = routes.route(request);
    Integer index = route == null ? null : ruleIndexByRoute.get(route);
    if (index == null) {
      chain.doFilter(request, response);
      return;
    }
    RateLimit rule = rules.get(index);
    String client = clientKey.of(request);
    ClientLimiters.Outcome outcome = limiters.acquire(index, client == null ? "" : client);
    response.setHeader("RateLimit-Policy",
        "\"" + rule.name() + "\";q=" + rule.limit() + ";w=" + rule.period().toSeconds());
    response.setHeader("RateLimit",
        "\"" + rule.name() + "\";r=" + outcome.remaining() + ";t=" + outcome.secondsToReset());
    if (outcome.allowed()) {
      chain.doFilter(request, response);
      return;
    }
    rejected.increment();
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(outcome.secondsToReset()));
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write("Too many requests; retry in " + outcome.secondsToReset() + " s\n");
  }

  /** Options of {@link RateLimitFilter}; each call validates at once. */
  public static final class Builder {
    private final List<RateLimit> rules = new ArrayList<>();
    private final Map<String, Integer> ruleIndexByRoute = new HashMap<>();
    private RouteResolver routes = RouteResolver.servletMapping();
    private ClientKey clientKey = ClientKey.remoteAddress();
    private long maxTrackedClients = 10_000;

    private Builder() {}

    /**
     * Limits a route, as the route resolver names it ({@code GET /api/photos/*}).
     *
     * @param route the route name
     * @param limit the limit per client
     * @return this builder
     * @throws IllegalArgumentException when an argument is null or blank, or the route has a rule
     */
    public Builder rule(String route, RateLimit limit) {
      if (route == null || route.isBlank() || limit == null) {
        throw new IllegalArgumentException("rate limit rule needs a route and a limit, was "
            + route + " -> " + limit);
      }
      if (ruleIndexByRoute.containsKey(route)) {
        throw new IllegalArgumentException("route " + route + " already has a rate limit");
      }
      ruleIndexByRoute.put(route, rules.size());
      rules.add(limit);
      return this;
    }

    /**
     * Names routes with this resolver instead of {@link RouteResolver#servletMapping()}.
     *
     * @param resolver the resolver, run before the chain
     * @return this builder
     * @throws IllegalArgumentException when null
     */
    public Builder routes(RouteResolver resolver) {
      if (resolver == null) {
        throw new IllegalArgumentException("route resolver must not be null");
      }
      this.routes = resolver;
      return this;
    }

    /**
     * Tells clients apart with this rule instead of the remote address. Requests for which it
     * returns null share one limiter per route.
     *
     * @param key the client key rule
     * @return this builder
     * @throws IllegalArgumentException when null
     */
    public Builder clientKey(ClientKey key) {
      if (key == null) {
        throw new IllegalArgumentException("client key must not be null");
      }
      this.clientKey = key;
      return this;
    }

    /**
     * Bounds how many (client, rule) limiters are held; past it, the least valuable are dropped
     * (their clients start a fresh window). Default 10,000.
     *
     * @param max the bound, at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxTrackedClients(long max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxTrackedClients must be at least 1, was " + max);
      }
      this.maxTrackedClients = max;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     */
    public RateLimitFilter build() {
      return new RateLimitFilter(this);
    }
  }
}
