package dev.hotpath.servlet;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Names the route template of a request ({@code GET /photos/*}), the name its latency is
 * recorded under. A resolver must return a bounded set of names: templates, never raw URIs.
 */
@FunctionalInterface
public interface RouteResolver {
  /**
   * Returns the route template of the request.
   *
   * @param request the request
   * @return the route name, or null when unknown (recorded as {@code "other"})
   */
  String route(HttpServletRequest request);

  /**
   * The default: the method and the servlet mapping pattern that matched
   * ({@code GET /api/photos/*}, {@code GET *.json}). Requests served by the default servlet
   * ({@code /}) have no template and are unknown.
   *
   * @return a resolver whose names are bounded by the number of servlet mappings
   */
  static RouteResolver servletMapping() {
    return request -> {
      HttpServletMapping mapping = request.getHttpServletMapping();
      if (mapping == null || mapping.getMappingMatch() == null) {
        return null;
      }
      return switch (mapping.getMappingMatch()) {
        case CONTEXT_ROOT -> request.getMethod() + " /";
        case EXACT, PATH, EXTENSION -> request.getMethod() + " " + mapping.getPattern();
        default -> null;
      };
    };
  }
}
