package dev.hotpath.metrics.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hotpath.metrics.BudgetState;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.PerformanceReport;
import java.io.UncheckedIOException;

/** Writes a {@link PerformanceReport} as JSON through a Jackson tree. */
public final class ReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReportJson() {}

  /**
   * Writes the report; the layout is documented on {@link PerformanceReport#toJson()}.
   *
   * @param report the report
   * @return the JSON text
   */
  public static String write(PerformanceReport report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("capturedAt", report.capturedAt().toString());
    root.put("windowSeconds", report.window().toMillis() / 1000.0);
    root.put("unit", "ns");
    root.put("refusedNames", report.refusedNames());
    ArrayNode all = root.putArray("series");
    for (PerformanceReport.Entry entry : report.entries()) {
      LatencySnapshot snapshot = entry.snapshot();
      ObjectNode series = all.addObject()
          .put("series", entry.id().toString())
          .put("metric", entry.id().name());
      ObjectNode tags = series.putObject("tags");
      entry.id().tags().forEach(tags::put);
      series.put("count", snapshot.count())
          .put("mean", snapshot.mean())
          .put("p50", snapshot.p50())
          .put("p90", snapshot.p90())
          .put("p95", snapshot.p95())
          .put("p99", snapshot.p99())
          .put("p999", snapshot.p999())
          .put("max", snapshot.max());
    }
    ArrayNode budgets = root.putArray("budgets");
    for (BudgetState state : report.budgetStates()) {
      budgets.addObject()
          .put("budget", state.budget().toString())
          .put("series", state.series().toString())
          .put("status", state.status().name())
          .put("observed", state.observedNanos())
          .put("limit", state.budget().limit().toNanos())
          .put("count", state.count());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException impossible) {
      // A tree of strings and numbers always serialises; keep the cause if it ever does not.
      throw new UncheckedIOException(impossible);
    }
  }
}
