package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.RouteNames;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

/**
 * Names the route template of a request ({@code GET /photos/{id}}), the name its latency is
 * recorded under. A resolver must return a bounded set of names: templates, never raw URIs.
 *
 * <p>{@link TimingFilter} asks twice: before the filter chain runs, to name the request's
 * {@code UnitOfWork}, and after it, for the latency, when a web framework has told which of its
 * routes matched. A resolver must therefore be cheap and must not assume it runs once.
 */
@FunctionalInterface
public interface RouteResolver {
  /**
   * The request attribute a framework integration sets to the matched route template (a
   * {@code String} such as {@code /photos/{id}}), e.g. from a JAX-RS {@code ContainerRequestFilter}
   * reading Jersey's {@code ExtendedUriInfo.getMatchedTemplates()}. {@link #servletMapping()}
   * prefers it over everything else.
   */
  String ROUTE_ATTRIBUTE = "dev.hotpath.servlet.route";

  /**
   * Spring MVC's {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}, read by name so that
   * nothing here depends on Spring.
   */
  String SPRING_MVC_PATTERN_ATTRIBUTE =
      "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

  /**
   * Returns the route template of the request.
   *
   * @param request the request
   * @return the route name, or null when unknown (recorded as {@code "other"})
   */
  String route(HttpServletRequest request);

  /**
   * The default: the method and the most specific template known, first of
   * <ol>
   *   <li>the {@link #ROUTE_ATTRIBUTE} request attribute,
   *   <li>Spring MVC's best matching pattern ({@code GET /photos/{id}}), prefixed with the
   *       DispatcherServlet's path when it is mapped to one ({@code /api/*}),
   *   <li>the servlet mapping pattern that matched ({@code GET /api/photos/*}, {@code GET *.json},
   *       {@code GET /} for the context root and for the default servlet).
   * </ol>
   * Methods outside RFC 9110's set (GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, TRACE) are
   * named {@code OTHER}, so made-up methods cannot fill the registry's name cap.
   *
   * @return a resolver whose names are bounded by the application's routes
   */
  static RouteResolver servletMapping() {
    RouteNames names = new RouteNames();
    return request -> {
      HttpServletMapping mapping = request.getHttpServletMapping();
      MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
      Object template = request.getAttribute(ROUTE_ATTRIBUTE);
      if (template == null) {
        template = request.getAttribute(SPRING_MVC_PATTERN_ATTRIBUTE);
        if (template != null) {
          template = RouteNames.underServletPath(mapping, template.toString());
        }
      }
      if (template != null) {
        return names.name(request.getMethod(), template.toString());
      }
      if (match == null) {
        return null;
      }
      return switch (match) {
        case CONTEXT_ROOT, DEFAULT -> names.name(request.getMethod(), "/");
        case EXACT, PATH, EXTENSION -> names.name(request.getMethod(), mapping.getPattern());
      };
    };
  }
}
