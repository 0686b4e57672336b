package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.core.testing.FakeTicker;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PerformanceReportTest {
  private static final long MS = 1_000_000;

  private final LatencyRegistry registry = LatencyRegistry.builder()
      .maxSeriesPerName(3)
      .recorder(LatencyRecorder.builder().ticker(new FakeTicker()))
      .build();

  @Test
  void entriesAreOrderedSlowestFirstByP95() {
    registry.record(MetricId.of("app.medium"), 50 * MS);
    registry.record(MetricId.of("app.fast"), 1 * MS);
    registry.record(MetricId.of("app.slow"), 900 * MS);
    PerformanceReport report = PerformanceReport.capture(registry);
    assertThat(report.entries()).extracting(entry -> entry.id().name())
        .containsExactly("app.slow", "app.medium", "app.fast");
    assertThat(report.slowest(1)).extracting(PerformanceReport.Entry::id)
        .containsExactly(MetricId.of("app.slow"));
    assertThat(report.slowest(10)).hasSize(3);
    assertThatThrownBy(() -> report.slowest(-1)).hasMessage("limit must not be negative, was -1");
  }

  @Test
  void jsonCarriesSeriesBudgetsAndRefusedNames() throws Exception {
    registry.record(RouteMetric.of("GET /slow"), 900 * MS);
    registry.record(RouteMetric.of("GET /fast"), 1 * MS);
    registry.record(RouteMetric.of("GET /other1"), 1 * MS);
    registry.record(RouteMetric.of("GET /other2"), 1 * MS); // over the cap of 3
    BudgetMonitor budgets = BudgetMonitor.builder(registry).budget("GET /slow p95 < 300ms over 1m").build();

    PerformanceReport report = PerformanceReport.capture(registry, budgets);
    JsonNode json = new ObjectMapper().readTree(report.toJson());

    assertThat(Instant.parse(json.get("capturedAt").asText())).isEqualTo(report.capturedAt());
    assertThat(json.get("windowSeconds").asDouble()).isEqualTo(60.0);
    assertThat(json.get("unit").asText()).isEqualTo("ns");
    assertThat(json.get("refusedNames").asLong()).isEqualTo(1);
    JsonNode slowest = json.get("series").get(0);
    assertThat(slowest.get("series").asText())
        .isEqualTo("hotpath.http.server{outcome=success, route=GET /slow}");
    assertThat(slowest.get("metric").asText()).isEqualTo("hotpath.http.server");
    assertThat(slowest.get("tags").get("route").asText()).isEqualTo("GET /slow");
    assertThat(slowest.get("count").asLong()).isEqualTo(1);
    assertThat(slowest.get("p95").asLong()).isBetween(900 * MS, 910 * MS);
    assertThat(json.get("series")).hasSize(4); // three routes and the overflow series
    JsonNode budget = json.get("budgets").get(0);
    assertThat(budget.get("budget").asText()).isEqualTo("GET /slow p95 < 300ms over 1m");
    assertThat(budget.get("series").asText())
        .isEqualTo("hotpath.http.server{outcome=success, route=GET /slow}");
    assertThat(budget.get("status").asText()).isEqualTo("BREACHED");
    assertThat(budget.get("limit").asLong()).isEqualTo(300 * MS);
    assertThat(budget.get("observed").asLong()).isEqualTo(report.budgetStates().get(0).observedNanos());
  }

  @Test
  void reportOfEmptyRegistryIsValidJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(PerformanceReport.capture(registry).toJson());
    assertThat(json.get("series")).isEmpty();
    assertThat(json.get("budgets")).isEmpty();
  }

  @Test
  void entriesAndJsonShowEachSeriesWithItsTags() throws Exception {
    MetricId id = MetricId.of("hotpath.pool.statement", "pool", "main").tag("fingerprint", "SELECT ?");
    registry.record(id, 5 * MS);
    PerformanceReport report = PerformanceReport.capture(registry);
    assertThat(report.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.id()).isEqualTo(id);
    });
    JsonNode series = new ObjectMapper().readTree(report.toJson()).get("series").get(0);
    assertThat(series.get("series").asText())
        .isEqualTo("hotpath.pool.statement{fingerprint=SELECT ?, pool=main}");
    assertThat(series.get("metric").asText()).isEqualTo("hotpath.pool.statement");
    assertThat(series.get("tags").get("pool").asText()).isEqualTo("main");
    assertThat(series.get("tags").get("fingerprint").asText()).isEqualTo("SELECT ?");
  }
}
