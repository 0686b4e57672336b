package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.internal.OncePerRequest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
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
 * <p>Budgets live in a {@link RateLimitStore}. By default ({@link RateLimitStore#inMemory}) they
 * are Resilience4j {@code RateLimiter}s (a fixed window per client), held in a Caffeine cache of
 * at most {@link Builder#maxTrackedClients(long)} entries whose admission policy keeps frequent
 * clients when a flood of new keys arrives; such limits are per node: with N nodes behind a
 * balancer a client gets up to N times the limit. {@link RedisRateLimitStore} shares one budget
 * per client between nodes. When the store fails, the request passes (without
 * {@code RateLimit} headers) and {@link #storeFailures()} counts it. Thread-safe.
 */
public final class RateLimitFilter extends HttpFilter {
  private final transient Map<String, RateLimit> rules;
  private final transient RouteResolver routes;
  private final transient ClientKey clientKey;
  private final transient RateLimitStore store;
  private final transient LongAdder rejected = new LongAdder();
  private final transient LongAdder storeFailures = new LongAdder();

  private RateLimitFilter(Builder builder) {
    this.rules = Map.copyOf(builder.rules);
    this.routes = builder.routes;
    this.clientKey = builder.clientKey;
    this.store = builder.store != null ? builder.store
        : RateLimitStore.inMemory(builder.maxTrackedClients == null ? 10_000 : builder.maxTrackedClients);
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
   * Returns how many requests passed unlimited because the store failed (Redis unreachable).
   *
   * @return the count since the filter was built
   */
  public long storeFailures() {
    return storeFailures.sum();
  }

  /**
   * Returns how many (client, route) budgets the store holds in this JVM, at most the
   * configured bound for the in-memory store; -1 for a store that does not count them.
   *
   * @return the number tracked, or -1
   */
  public long trackedClients() {
    return store.tracked();
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(request, response, chain, OncePerRequest.RATE_LIMIT)) {
      return;
    }
    String route = routes.route(request);
    RateLimit rule = route == null ? null : rules.get(route);
    if (rule == null) {
      chain.doFilter(request, response);
      return;
    }
    String client = clientKey.of(request);
    RateLimitStore.Outcome outcome;
    try {
      outcome = store.acquire(route, rule, client == null ? "" : client);
    } catch (RuntimeException e) {
      storeFailures.increment(); // a limiter that cannot answer must not take the site down
      chain.doFilter(request, response);
      return;
    }
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
    private final Map<String, RateLimit> rules = new HashMap<>();
    private RouteResolver routes = RouteResolver.servletMapping();
    private ClientKey clientKey = ClientKey.remoteAddress();
    private Long maxTrackedClients;
    private RateLimitStore store;

    private Builder() {}

    /**
     * Limits a route, as the route resolver names it ({@code GET /api/photos/*}).
     *
     * @param route the route name
     * @param limit the limit per client
     * @return this builder
     * @throws NullPointerException when an argument is null
     * @throws IllegalArgumentException when the route is blank or has a rule
     */
    public Builder rule(String route, RateLimit limit) {
      Check.notBlank(route, "route");
      Check.notNull(limit, "limit");
      Check.argument(!rules.containsKey(route), "route %s already has a rate limit", route);
      rules.put(route, limit);
      return this;
    }

    /**
     * Names routes with this resolver instead of {@link RouteResolver#servletMapping()}.
     *
     * @param resolver the resolver, run before the chain
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder routes(RouteResolver resolver) {
      this.routes = Check.notNull(resolver, "resolver");
      return this;
    }

    /**
     * Tells clients apart with this rule instead of the remote address. Requests for which it
     * returns null share one limiter per route.
     *
     * @param key the client key rule
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder clientKey(ClientKey key) {
      this.clientKey = Check.notNull(key, "key");
      return this;
    }

    /**
     * Bounds how many (client, route) limiters the default in-memory store holds; past it, the
     * least valuable are dropped (their clients start a fresh window). Default 10,000.
     *
     * @param max the bound, at least 1
     * @return this builder
     * @throws IllegalArgumentException when less than 1
     */
    public Builder maxTrackedClients(long max) {
      this.maxTrackedClients = Check.atLeast(max, 1, "maxTrackedClients");
      return this;
    }

    /**
     * Keeps budgets in this store instead of {@link RateLimitStore#inMemory} (e.g.
     * {@link RedisRateLimitStore}, to share them between nodes).
     *
     * @param store the store
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder store(RateLimitStore store) {
      this.store = Check.notNull(store, "store");
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     * @throws IllegalStateException when both {@link #store} and {@link #maxTrackedClients}
     *     were given (the bound is the in-memory store's; give it to that store)
     */
    public RateLimitFilter build() {
      Check.state(store == null || maxTrackedClients == null,
          "maxTrackedClients bounds the in-memory store; with store(...) bound the store itself");
      return new RateLimitFilter(this);
    }
  }
}
