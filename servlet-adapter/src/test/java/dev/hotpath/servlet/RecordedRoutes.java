package dev.hotpath.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.RouteMetric;
import jakarta.servlet.Servlet;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Reads what {@link TimingFilter} recorded, in the words the tests use. */
final class RecordedRoutes {
  private RecordedRoutes() {}

  /** Starts a framework's servlet at the mapping behind a timing filter recording into registry. */
  static TestServer serveTimed(LatencyRegistry registry, Servlet framework, String mapping)
      throws Exception {
    return TestServer.start(context -> {
      TestServer.addFilter(context, TimingFilter.builder().metrics(registry).build());
      TestServer.addServlet(context, framework, mapping);
    });
  }

  /** Waits until the registry holds exactly these {@link #counts}: a latency is recorded last. */
  static void awaitCounts(LatencyRegistry registry, Map<String, Long> expected) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(counts(registry)).isEqualTo(expected));
  }

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
