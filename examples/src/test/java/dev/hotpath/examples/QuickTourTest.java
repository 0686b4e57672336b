package dev.hotpath.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QuickTourTest {

  @Test
  void tourServesEveryRequestRecordsLatencyAndReportsBudgetHealthAndJson() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int loads;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      loads = QuickTour.run(out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(loads).isBetween(1, 8);
    assertThat(printed)
        .contains("responses: 8, loads run: " + loads)
        .contains("latency of GET /photos/{id}: count=8")
        .contains("budget GET /photos/{id} p95 < 300ms over 1m: ")
        .contains("health: DEGRADED [photo-store, thumbnailer]")
        .containsPattern("report: \\{.*\"metric\":\"hotpath.http.server\",\"tags\":"
            + "\\{\"outcome\":\"success\",\"route\":\"GET /photos/\\{id\\}\"}");
  }
}
