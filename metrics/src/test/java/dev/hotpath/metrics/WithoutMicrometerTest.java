package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.Ticker;
import dev.hotpath.core.testing.HidingClassLoader;
import org.junit.jupiter.api.Test;

/** Micrometer is optional: everything outside the micrometer package works without its jar. */
class WithoutMicrometerTest {

  @Test
  void registryBudgetsAndReportWorkWithoutMicrometer() throws Exception {
    try (HidingClassLoader withoutMicrometer = withoutMicrometer()) {
      assertThat((String) withoutMicrometer.invoke(getClass(), "recordEvaluateAndReport"))
          .contains("\"status\":\"BREACHED\"");
    }
  }

  @Test
  void theLoaderReallyHidesMicrometer() throws Exception {
    try (HidingClassLoader withoutMicrometer = withoutMicrometer()) {
      assertThatThrownBy(() -> withoutMicrometer.invoke(getClass(), "bindMicrometer"))
          .hasRootCauseInstanceOf(ClassNotFoundException.class);
    }
  }

  /** Runs inside {@link #withoutMicrometer()}. */
  private static String recordEvaluateAndReport() {
    LatencyRegistry registry = LatencyRegistry.create();
    registry.record(RouteMetric.of("GET /a"), 5_000_000);
    BudgetMonitor budgets = BudgetMonitor.builder(registry).budget("GET /a max < 1ms").build();
    return PerformanceReport.capture(registry, budgets).toJson();
  }

  /** Runs inside {@link #withoutMicrometer()}; must fail there. */
  private static void bindMicrometer() {
    new dev.hotpath.metrics.micrometer.LatencyRegistryMetrics(LatencyRegistry.create());
  }

  /** Loads hotpath's classes (these tests, metrics, core) itself and hides Micrometer. */
  private static HidingClassLoader withoutMicrometer() {
    return new HidingClassLoader(
        "io.micrometer.", WithoutMicrometerTest.class, LatencyRegistry.class, Ticker.class);
  }
}
