package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The usage example of metrics/README.md, kept compiling and true. */
class ReadmeExampleTest {
  private final List<String> alerts = new ArrayList<>();

  @Test
  void readmeUsageExampleRuns() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();          // at most 1000 series per name
    MetricId checkout = MetricId.of("app.checkout", "step", "payment");
    long start = System.nanoTime();
    Thread.onSpinWait(); // ... handle the request ...
    registry.record(checkout, System.nanoTime() - start);

    LatencySnapshot last60s = registry.recorder(checkout).snapshot();
    long p95 = last60s.p95();                                      // nanoseconds

    try (BudgetMonitor budgets = BudgetMonitor.builder(registry)
        .budget("app.checkout{step=payment} p95 < 300ms over 1m")
        .budget("GET /api/photos p95 < 300ms")                   // a route the servlet filter times
        .listener(new BudgetListener() {
          @Override public void onBreach(BudgetState s) { alert(s.series() + " breaches " + s.budget()); }
        })
        .build()
        .start()) {                                                // evaluates every 10 s
      String json = PerformanceReport.capture(registry, budgets).toJson();

      assertThat(p95).isPositive();
      assertThat(json).contains("\"status\":\"MET\"");
      assertThat(alerts).isEmpty();
    }
  }

  private void alert(String message) {
    alerts.add(message);
  }
}
