package dev.hotpath.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.RouteMetric;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class RouteRecordersTest {

  @Test
  void aRouteGetsOneSeriesPerOutcomeSeenAndNoOther() {
    LatencyRegistry registry = LatencyRegistry.create();
    RouteRecorders recorders = new RouteRecorders(registry);

    LatencyRecorder ok = recorders.recorder("GET /photos/*", 200);
    assertThat(recorders.recorder("GET /photos/*", 304)).isSameAs(ok);
    assertThat(recorders.recorder("GET /photos/*", 404)).isNotSameAs(ok);
    recorders.recorder("GET /photos/*", 503);

    assertThat(registry.series().keySet()).containsExactly(
        MetricId.of(RouteMetric.NAME).tag("outcome", "client_error").tag("route", "GET /photos/*"),
        MetricId.of(RouteMetric.NAME).tag("outcome", "server_error").tag("route", "GET /photos/*"),
        MetricId.of(RouteMetric.NAME).tag("outcome", "success").tag("route", "GET /photos/*"));
    assertThat(registry.find(RouteMetric.of("GET /photos/*"))).containsSame(ok);
  }

  @Test
  void recordingAKnownRouteAllocatesNothing() {
    RouteRecorders recorders = new RouteRecorders(LatencyRegistry.create());
    String route = "GET /photos/{id}";
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = 0;
    // Warm up until the JIT has compiled the path, then measure a stretch of calls.
    for (int round = 0; round < 5; round++) {
      before = threads.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 100_000; i++) {
        recorders.recorder(route, 200).record(1_000);
      }
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated by 100,000 lookups and records").isLessThan(10_000);
  }
}
