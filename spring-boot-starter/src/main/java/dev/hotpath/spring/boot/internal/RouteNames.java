package dev.hotpath.spring.boot.internal;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.RouteResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the route names the timing filter records, so that the Micrometer binding can leave
 * them out: Boot's own {@code http.server.requests} already measures each request, and a second
 * series per route would double what users pay for. Bounded by the registry's name cap. Not a
 * {@link RouteResolver} bean itself, so it never stands in for the application's resolver.
 */
public final class RouteNames {
  private final RouteResolver routes;
  private final int maxNames;
  private final Set<String> names = ConcurrentHashMap.newKeySet();

  /**
   * Wraps a resolver.
   *
   * @param routes the resolver that names requests
   * @param maxNames the registry's name cap
   */
  public RouteNames(RouteResolver routes, int maxNames) {
    this.routes = routes;
    this.maxNames = maxNames;
  }

  /**
   * Names a request with the wrapped resolver and remembers the name; the timing filter's
   * {@link RouteResolver}.
   *
   * @param request the request
   * @return the wrapped resolver's name
   */
  public String route(HttpServletRequest request) {
    String route = routes.route(request);
    // contains() first: after warm-up a request costs one lookup and writes nothing.
    if (route != null && !names.contains(route) && names.size() < maxNames
        && !LatencyRegistry.OVERFLOW_NAME.equals(route)) {
      names.add(route);
    }
    return route;
  }

  /**
   * Tells whether a recorder name is a route.
   *
   * @param name the recorder name
   * @return true if the timing filter recorded under it
   */
  public boolean isRoute(String name) {
    return names.contains(name);
  }
}
