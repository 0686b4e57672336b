package dev.hotpath.spring.boot.internal;

import dev.hotpath.servlet.RouteResolver;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Names requests after the rule keys of a filter ({@code GET /albums/{id}}) before the chain
 * runs, matching Spring MVC's path patterns against the path inside the context. Spring MVC
 * itself names the handler's pattern only after the filters, too late for a rate limit or a
 * cache lookup. The most specific matching pattern wins, as in Spring MVC; a {@code HEAD}
 * request is named after the {@code GET} key it matches, so it counts against that route's rate
 * limit and the response cache answers it from the GET page.
 * Thread-safe; no allocation but the path container per request.
 */
public final class PatternRoutes implements RouteResolver {
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE");

  private final List<Route> routes;

  private record Route(String method, PathPattern pattern, String key) {}

  /**
   * Compiles the keys.
   *
   * @param keys rule keys, each a method, a space and a path pattern
   * @throws IllegalArgumentException naming a key that is not one
   */
  public PatternRoutes(Set<String> keys) {
    List<Route> compiled = new ArrayList<>();
    for (String key : keys) {
      compiled.add(parse(key));
    }
    compiled.sort((a, b) -> PathPattern.SPECIFICITY_COMPARATOR.compare(a.pattern(), b.pattern()));
    this.routes = List.copyOf(compiled);
  }

  /**
   * Checks one key.
   *
   * @param key a method, one space and a Spring MVC path pattern, such as {@code GET /albums/{id}}
   * @throws IllegalArgumentException naming the key and what is wrong with it
   */
  public static void check(String key) {
    parse(key);
  }

  private static Route parse(String key) {
    int space = key.indexOf(' ');
    String method = space < 0 ? key : key.substring(0, space);
    String path = space < 0 ? "" : key.substring(space + 1);
    if (!METHODS.contains(method) || !path.startsWith("/")) {
      throw new IllegalArgumentException("a route is an HTTP method in capitals, one space and a "
          + "path pattern starting with /, such as 'GET /albums/{id}', was '" + key + "'");
    }
    try {
      return new Route(method, PathPatternParser.defaultInstance.parse(path), key);
    } catch (RuntimeException unparsable) {
      throw new IllegalArgumentException("route '" + key + "' has no valid path pattern: "
          + unparsable.getMessage(), unparsable);
    }
  }

  @Override
  public String route(HttpServletRequest request) {
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    PathContainer path = PathContainer.parsePath(
        request.getRequestURI().substring(request.getContextPath().length()));
    for (Route route : routes) {
      boolean methodMatches = route.method().equals(method) || head && route.method().equals("GET");
      if (methodMatches && route.pattern().matches(path)) {
        return route.key();
      }
    }
    return null;
  }
}
