package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.MappingMatch;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds route names ({@code "GET /photos/{id}"}) without allocating once a name was seen, and
 * folds request methods outside RFC 9110's registered set into {@value #OTHER_METHOD}: a client
 * can send any token as a method, and each must not become a name of its own.
 */
public final class RouteNames {
  /** The method part of the name of every request whose method is not a standard one. */
  public static final String OTHER_METHOD = "OTHER";

  private static final String[] METHODS =
      {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", OTHER_METHOD};
  /** Templates come from servlet mappings and framework routes; past this, names are not kept. */
  private static final int MAX_CACHED_PER_METHOD = 2048;

  private final ConcurrentHashMap<?, ?>[] names = new ConcurrentHashMap<?, ?>[METHODS.length];

  /** Creates an empty name cache. */
  public RouteNames() {
    for (int i = 0; i < names.length; i++) {
      names[i] = new ConcurrentHashMap<String, String>();
    }
  }

  /**
   * Returns the name of a route.
   *
   * @param method the request method, any token
   * @param template the route template, e.g. {@code /photos/{id}}
   * @return {@code "<METHOD> <template>"}, the method folded to {@value #OTHER_METHOD} when unknown
   */
  public String name(String method, String template) {
    int index = methodIndex(method);
    @SuppressWarnings("unchecked") // every slot holds String -> String
    ConcurrentHashMap<String, String> byTemplate = (ConcurrentHashMap<String, String>) names[index];
    String name = byTemplate.get(template);
    if (name == null) {
      name = METHODS[index] + " " + template;
      if (byTemplate.size() < MAX_CACHED_PER_METHOD) {
        byTemplate.putIfAbsent(template, name);
      }
    }
    return name;
  }

  /**
   * Puts a framework's route template, which is relative to the framework's servlet, behind
   * that servlet's path when it is mapped to one ({@code /api/*}).
   *
   * @param mapping the request's servlet mapping, or null when unknown
   * @param template the template the framework matched, e.g. {@code /photos/{id}}
   * @return e.g. {@code /api/photos/{id}}, or {@code template} when the servlet has no path
   */
  public static String underServletPath(HttpServletMapping mapping, String template) {
    if (mapping == null || mapping.getMappingMatch() != MappingMatch.PATH) {
      return template;
    }
    String pattern = mapping.getPattern();
    return pattern.substring(0, pattern.length() - 2) + template;
  }

  private static int methodIndex(String method) {
    return switch (method) {
      case "GET" -> 0;
      case "HEAD" -> 1;
      case "POST" -> 2;
      case "PUT" -> 3;
      case "DELETE" -> 4;
      case "PATCH" -> 5;
      case "OPTIONS" -> 6;
      case "TRACE" -> 7;
      default -> 8;
    };
  }
}
