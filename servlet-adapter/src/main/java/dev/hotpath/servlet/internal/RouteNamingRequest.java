package dev.hotpath.servlet.internal;

import dev.hotpath.core.UnitOfWork;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.function.Function;

/**
 * Renames the request's {@link UnitOfWork} the moment a framework tells which route matched,
 * by setting one of the route attributes: Spring MVC sets its best matching pattern before it
 * calls the handler, so statements the handler runs (and an N+1 report about them) already
 * carry the route's name instead of the servlet mapping's.
 */
public final class RouteNamingRequest extends HttpServletRequestWrapper {
  private final UnitOfWork unit;
  private final Function<HttpServletRequest, String> routeOf;
  private final String[] routeAttributes;

  /**
   * Wraps a request.
   *
   * @param request the request
   * @param unit the request's unit of work
   * @param routeOf resolves the route name of a request, never null or blank
   * @param routeAttributes the attributes whose setting means the route is now known
   */
  public RouteNamingRequest(HttpServletRequest request, UnitOfWork unit,
      Function<HttpServletRequest, String> routeOf, String[] routeAttributes) {
    super(request);
    this.unit = unit;
    this.routeOf = routeOf;
    this.routeAttributes = routeAttributes;
  }

  @Override
  public void setAttribute(String name, Object value) {
    super.setAttribute(name, value);
    for (String attribute : routeAttributes) {
      if (attribute.equals(name)) {
        unit.rename(routeOf.apply(this));
        return;
      }
    }
  }
}
