package dev.hotpath.servlet.internal;

import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.TagValues;
import dev.hotpath.servlet.ResponseCacheRule;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A response cache rule ready for requests: its key headers, path template and metric ids. */
public final class ResponseCacheRoute {
  private static final MetricId METRIC = MetricId.of("hotpath.http.response_cache");
  private static final List<String> RESULTS = List.of("hit", "stale", "refresh", "miss");

  private final String name;
  private final ResponseCacheRule rule;
  private final List<String> keyHeaders;
  private final PathTemplate template;
  private final MetricId[] metrics = new MetricId[RESULTS.size()];

  /**
   * Compiles a rule.
   *
   * @param name the route name
   * @param rule the rule, {@link #check}ed
   * @param keyHeaders the headers whose values are part of the key
   */
  public ResponseCacheRoute(String name, ResponseCacheRule rule, List<String> keyHeaders) {
    this.name = name;
    this.rule = rule;
    this.keyHeaders = List.copyOf(keyHeaders);
    this.template = templateOf(name, rule);
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = METRIC.tag("route", TagValues.bounded(name)).tag("result", RESULTS.get(i));
    }
  }

  /**
   * Checks that every variable the rule's tags name is in its path template.
   *
   * @param route the route name
   * @param rule the rule
   * @throws IllegalArgumentException when one is not
   */
  public static void check(String route, ResponseCacheRule rule) {
    PathTemplate template = templateOf(route, rule);
    boolean variables = rule.tagTemplates().stream().anyMatch(tag -> tag.contains("{"));
    if (variables && (template == null || !template.defines(rule.tagTemplates()))) {
      String path = rule.pathTemplateOrNull() != null
          ? rule.pathTemplateOrNull() : route.substring(route.indexOf(' ') + 1);
      throw new IllegalArgumentException("response cache tags " + rule.tagTemplates() + " of route "
          + route + " name a {variable} that its path template " + path + " does not define");
    }
  }

  private static PathTemplate templateOf(String route, ResponseCacheRule rule) {
    if (rule.pathTemplateOrNull() != null) {
      return new PathTemplate(rule.pathTemplateOrNull());
    }
    String path = route.substring(route.indexOf(' ') + 1);
    return path.contains("{") ? new PathTemplate(path) : null;
  }

  /** @return the route name, part of every key */
  public String name() {
    return name;
  }

  /** @return the rule */
  public ResponseCacheRule rule() {
    return rule;
  }

  /** @return the headers whose values are part of the key */
  public List<String> keyHeaders() {
    return keyHeaders;
  }

  /**
   * Returns the metric id of a lookup result.
   *
   * @param result hit, stale, refresh or miss
   * @return the id
   */
  public MetricId metric(String result) {
    return metrics[RESULTS.indexOf(result)];
  }

  /**
   * Fills the tags from the request's path.
   *
   * @param request the request
   * @return the tags, or null when the path does not match the template (not cacheable)
   */
  public Set<String> tags(HttpServletRequest request) {
    List<String> templates = rule.tagTemplates();
    if (templates.isEmpty()) {
      return Set.of();
    }
    Map<String, String> variables = Map.of();
    if (template != null) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      variables = template.match(path);
      if (variables == null) {
        return null;
      }
    }
    Set<String> tags = new HashSet<>();
    for (String tag : templates) {
      tags.add(PathTemplate.fill(tag, variables));
    }
    return tags;
  }
}
