package dev.hotpath.servlet;

import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.RouteMetric;
import java.util.Map;
import java.util.TreeMap;

/** Reads what {@link TimingFilter} recorded, in the words the tests use. */
final class RecordedRoutes {
  private RecordedRoutes() {}

  /** Requests of a route that succeeded (status below 400). */
  static long count(LatencyRegistry registry, String route) {
    return count(registry, route, 200);
  }

  /** Requests of a route whose response had the status class of {@code status}. */
  static long count(LatencyRegistry registry, String route, int status) {
    return registry.find(RouteMetric.of(route, status))
        .map(recorder -> recorder.snapshot().count()).orElse(0L);
  }

  /**
   * Every series of the registry: a route's successes under the route, its other outcomes under
   * {@code "<route> <outcome>"}, any other series under its id's text.
   */
  static Map<String, Long> counts(LatencyRegistry registry) {
    Map<String, Long> counts = new TreeMap<>();
    for (Map.Entry<MetricId, LatencyRecorder> series : registry.series().entrySet()) {
      MetricId id = series.getKey();
      String key = id.toString();
      if (id.name().equals(RouteMetric.NAME)) {
        String route = id.tagValue(RouteMetric.ROUTE_TAG).orElseThrow();
        String outcome = id.tagValue(RouteMetric.OUTCOME_TAG).orElseThrow();
        key = outcome.equals(RouteMetric.SUCCESS) ? route : route + " " + outcome;
      }
      counts.put(key, series.getValue().snapshot().count());
    }
    return counts;
  }
}
