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
    LatencyRegistry registry = LatencyRegistry.create();          // at most 1000 names
    long start = System.nanoTime();
    Thread.onSpinWait(); // ... handle the request ...
    registry.record("GET /api/photos", System.nanoTime() - start);

    LatencySnapshot last60s = registry.recorder("GET /api/photos").snapshot();
    long p95 = last60s.p95();                                      // nanoseconds

    try (BudgetMonitor budgets = BudgetMonitor.builder(registry)
        .budget("GET /api/photos p95 < 300ms over 1m")
        .listener(new BudgetListener() {
          @Override public void onBreach(BudgetState s) { alert(s.name() + " breaches " + s.budget()); }
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
