package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.RouteNames;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Names a JAX-RS request's route after the resource template that matched ({@code GET
 * /photos/{id}}) instead of the servlet mapping of the JAX-RS servlet ({@code GET /*}): register
 * it with the application ({@code new ResourceConfig(...).register(JaxRsRouteFilter.class)} in
 * Jersey, or from {@code Application.getClasses()}) and {@link TimingFilter} records the
 * request under that route, and its {@code UnitOfWork} carries the name from then on.
 *
 * <p>It runs after matching and before the resource method, and sets the
 * {@link RouteResolver#ROUTE_ATTRIBUTE} request attribute to Jakarta REST 4.0's
 * {@code UriInfo.getMatchedResourceTemplate()}, put behind the JAX-RS servlet's path when it is
 * mapped to one ({@code /api/*} gives {@code /api/photos/{id}}). A request that matches no
 * resource (a JAX-RS 404 or 405) keeps the servlet mapping's name. Needs a Jakarta REST 4.0
 * runtime (Jersey 4) in a servlet container; hotpath-servlet does not bring one.
 *
 * <p>Thread-safe: one instance serves every request.
 */
@Provider
public final class JaxRsRouteFilter implements ContainerRequestFilter {
  // The runtime injects a proxy to the current request: one filter serves every request.
  @Context
  private HttpServletRequest servletRequest;

  /** Creates the filter; JAX-RS runtimes also create it from its class. */
  public JaxRsRouteFilter() {}

  @Override
  public void filter(ContainerRequestContext request) {
    String template = request.getUriInfo().getMatchedResourceTemplate();
    if (servletRequest != null && template != null && !template.isEmpty()) {
      servletRequest.setAttribute(RouteResolver.ROUTE_ATTRIBUTE,
          RouteNames.underServletPath(servletRequest.getHttpServletMapping(), template));
    }
  }
}
