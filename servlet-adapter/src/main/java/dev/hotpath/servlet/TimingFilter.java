package dev.hotpath.servlet;

import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.RouteMetric;
import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.RouteRecorders;
import dev.hotpath.servlet.internal.RouteNamingRequest;
import dev.hotpath.servlet.internal.TimingResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Function;

/**
 * Opens a {@link UnitOfWork} named after the route for each request, records the request's
 * latency in the series {@code hotpath.http.server{outcome=..., route=...}} of a
 * {@link LatencyRegistry} ({@link RouteMetric}), and sets a
 * {@code Server-Timing} header with {@code total} and the entries other code added to the
 * request's {@link ServerTiming} (database time and statement count from hotpath-pool, and
 * whatever other blocks and the application add). The filter attaches the {@link ServerTiming} to the root unit of work, or
 * uses the one already there; with the header turned off it attaches none, so nobody spends time
 * filling it.
 *
 * <p>Routes come from a {@link RouteResolver} (default {@link RouteResolver#servletMapping()},
 * which prefers the route a web framework matched, such as Spring MVC's pattern), asked again
 * after the chain so the framework's match is known; the route is the {@code route} tag, through
 * {@link dev.hotpath.metrics.TagValues#bounded} so any template fits; unknown routes are
 * recorded with route {@value MetricId#OVERFLOW_VALUE}, and the registry's cap on series per name
 * sends routes past it to the overflow series. The latency recorded is the time until the filter
 * chain returns; for async requests that is the time until the request went async. The
 * {@code outcome} tag keeps error responses apart ({@code success} below 400,
 * {@code client_error}, {@code server_error}; an exception thrown through the filter counts as
 * {@code server_error}), so they neither vanish nor skew the route's own percentiles. A known
 * route's recorders are remembered, so recording builds no id and allocates nothing. The header is set just before the response commits, so its
 * {@code total} is the time to the first byte of the body; it is also set when the chain
 * throws, before the container writes its error response or error page (Jetty and Tomcat both
 * keep it there).
 *
 * <p>Install it outermost so it measures the other filters too. Thread-safe.
 */
public final class TimingFilter extends HttpFilter {
  private static final String[] ROUTE_ATTRIBUTES =
      {RouteResolver.ROUTE_ATTRIBUTE, RouteResolver.SPRING_MVC_PATTERN_ATTRIBUTE};
  private final transient LatencyRegistry registry;
  private final transient RouteRecorders recorders;
  private final transient RouteResolver routes;
  private final transient boolean serverTimingHeader;
  // Made once: a method reference bound to this filter would be a new object per request.
  private final transient Function<HttpServletRequest, String> routeNames = this::routeOf;

  private TimingFilter(Builder builder) {
    this.registry = builder.registry != null ? builder.registry : LatencyRegistry.create();
    this.recorders = new RouteRecorders(registry);
    this.routes = builder.routes;
    this.serverTimingHeader = builder.serverTimingHeader;
  }

  /**
   * Creates a filter with the default options and its own registry.
   *
   * @return a new filter
   */
  public static TimingFilter create() {
    return builder().build();
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the default options
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the registry the latencies go to.
   *
   * @return the registry given to the builder, or the filter's own
   */
  public LatencyRegistry registry() {
    return registry;
  }

  @Override
  protected void doFilter(HttpServletRequest http, HttpServletResponse httpResponse,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(http, httpResponse, chain, OncePerRequest.TIMING)) {
      return;
    }
    long start = System.nanoTime();
    // The framework tells which of its routes matched only while it runs: the unit of work
    // starts with the name known now and is renamed when a route attribute is set; the
    // latency gets the name known after the chain.
    String route = routeOf(http);
    int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR; // what the container makes of a throw
    try (UnitOfWork unit = UnitOfWork.begin(route)) {
      HttpServletRequest request = new RouteNamingRequest(http, unit, routeNames, ROUTE_ATTRIBUTES);
      if (serverTimingHeader) {
        ServerTiming timing = unit.root().attachment(ServerTiming.KEY, ServerTiming::new);
        TimingResponse timed = new TimingResponse(httpResponse, timing, start);
        try {
          chain.doFilter(request, timed);
        } finally {
          timed.beforeCommit();
        }
      } else {
        chain.doFilter(request, httpResponse);
      }
      status = httpResponse.getStatus();
    } finally {
      long elapsed = System.nanoTime() - start;
      recorders.recorder(routeOf(http), status).record(elapsed);
    }
  }

  private String routeOf(HttpServletRequest request) {
    String route = routes.route(request);
    return route == null || route.isBlank() ? MetricId.OVERFLOW_VALUE : route;
  }

  /** Options of {@link TimingFilter}; each setter validates at once. */
  public static final class Builder {
    private LatencyRegistry registry;
    private RouteResolver routes = RouteResolver.servletMapping();
    private boolean serverTimingHeader = true;

    private Builder() {}

    /**
     * Shares a registry with the host application and other blocks. Default: a new
     * {@link LatencyRegistry#create()}.
     *
     * @param registry the registry
     * @return this builder
     * @throws IllegalArgumentException when {@code registry} is null
     */
    public Builder metrics(LatencyRegistry registry) {
      if (registry == null) {
        throw new IllegalArgumentException("metrics registry must not be null");
      }
      this.registry = registry;
      return this;
    }

    /**
     * Sets how requests are named. Default {@link RouteResolver#servletMapping()}.
     *
     * @param routes the resolver; it must return templates, not raw URIs
     * @return this builder
     * @throws IllegalArgumentException when {@code routes} is null
     */
    public Builder routes(RouteResolver routes) {
      if (routes == null) {
        throw new IllegalArgumentException("route resolver must not be null");
      }
      this.routes = routes;
      return this;
    }

    /**
     * Turns the {@code Server-Timing} header on or off (it shows server internals to clients;
     * turn it off for public endpoints if that matters). Default on.
     *
     * @param enabled whether to set the header
     * @return this builder
     */
    public Builder serverTimingHeader(boolean enabled) {
      this.serverTimingHeader = enabled;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     */
    public TimingFilter build() {
      return new TimingFilter(this);
    }
  }
}
