package dev.hotpath.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.testing.FakeTicker;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.RouteMetric;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRegistryMetricsTest {
  private static final MetricId GET_A = RouteMetric.of("GET /a");
  private final FakeTicker ticker = new FakeTicker();
  private final LatencyRegistry registry = LatencyRegistry.builder()
      .maxSeriesPerName(1)
      .recorder(LatencyRecorder.builder().ticker(ticker).highestTrackable(Duration.ofSeconds(10)))
      .build();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @Test
  void exposesWindowStatisticsCountsAndRefusedNames() {
    registry.record(GET_A, 200_000_000);
    new LatencyRegistryMetrics(registry, Tags.of("app", "test"), Duration.ofSeconds(1), ticker)
        .bindTo(meters);
    registry.record(GET_A, 400_000_000);
    registry.record(GET_A, Duration.ofMinutes(1).toNanos()); // clamped to 10 s
    registry.record(RouteMetric.of("GET /b"), 1_000); // over the cap

    double p50 = meters.get("hotpath.http.server").tags("route", "GET /a", "statistic", "p50", "app", "test")
        .timeGauge().value(TimeUnit.MILLISECONDS);
    double max = meters.get("hotpath.http.server").tags("route", "GET /a", "statistic", "max")
        .timeGauge().value(TimeUnit.SECONDS);
    assertThat(p50).isBetween(400.0, 404.0);
    assertThat(max).isBetween(10.0, 10.1);
    assertThat(meters.get("hotpath.http.server.count").tags("route", "GET /a").functionCounter().count())
        .isEqualTo(3);
    assertThat(meters.get("hotpath.http.server.clamped").tags("route", "GET /a").functionCounter().count())
        .isEqualTo(1);
    assertThat(meters.get("hotpath.http.server.count").tags("route", MetricId.OVERFLOW_VALUE, "outcome", MetricId.OVERFLOW_VALUE)
        .functionCounter().count()).as("recorders created after binding are bound too").isEqualTo(1);
    assertThat(meters.get("hotpath.latency.refused.names").functionCounter().count()).isEqualTo(1);
    assertThat(meters.get("hotpath.http.server").tags("route", "GET /a").timeGauges()).hasSize(7);
  }

  @Test
  void snapshotsAreReusedWithinTheirTimeToLive() {
    new LatencyRegistryMetrics(registry, Tags.empty(), Duration.ofSeconds(1), ticker).bindTo(meters);
    registry.record(GET_A, 1_000_000);
    var count = meters.get("hotpath.http.server.count").tags("route", "GET /a").functionCounter();
    assertThat(count.count()).isEqualTo(1);
    registry.record(GET_A, 1_000_000);
    assertThat(count.count()).isEqualTo(1);
    ticker.advance(Duration.ofSeconds(1));
    assertThat(count.count()).isEqualTo(2);
  }

  @Test
  void seriesExportTheirNameAndTagsAsRealDimensions() {
    new LatencyRegistryMetrics(registry, Tags.of("app", "test"), Duration.ofSeconds(1), ticker)
        .bindTo(meters);
    MetricId id = MetricId.of("hotpath.pool.statement", "pool", "main")
        .tag("fingerprint", "SELECT * FROM photo WHERE id = ?");
    registry.record(id, 2_000_000);

    assertThat(meters.get("hotpath.pool.statement.count").tags("app", "test", "pool", "main",
        "fingerprint", "SELECT * FROM photo WHERE id = ?").functionCounter().count()).isEqualTo(1);
    assertThat(meters.get("hotpath.pool.statement").tags("pool", "main", "statistic", "p99")
        .timeGauge().value(TimeUnit.MILLISECONDS)).isBetween(2.0, 2.1);
    assertThat(meters.getMeters()).extracting(meter -> meter.getId().getName())
        .as("no SQL in a meter name").allMatch(name -> name.matches("hotpath[a-z.]+"));
  }
}
