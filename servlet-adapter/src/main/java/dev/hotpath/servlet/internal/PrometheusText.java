package dev.hotpath.servlet.internal;

import dev.hotpath.metrics.LatencySnapshot;
import java.util.Map;

/** Formats latency snapshots in the Prometheus text exposition format 0.0.4. */
public final class PrometheusText {
  private static final String[] QUANTILES = {"0.5", "0.9", "0.95", "0.99", "0.999"};

  private PrometheusText() {}

  /**
   * Formats one summary (window quantiles, count, sum) and one max gauge per name.
   *
   * @param snapshots window snapshot per name, durations in nanoseconds
   * @return the exposition text
   */
  public static String format(Map<String, LatencySnapshot> snapshots) {
    StringBuilder out = new StringBuilder(256 + snapshots.size() * 512);
    out.append("# HELP hotpath_latency_seconds Latency by name over the sliding window.\n")
        .append("# TYPE hotpath_latency_seconds summary\n");
    for (Map.Entry<String, LatencySnapshot> entry : snapshots.entrySet()) {
      String label = escape(entry.getKey());
      LatencySnapshot s = entry.getValue();
      long[] values = {s.p50(), s.p90(), s.p95(), s.p99(), s.p999()};
      for (int i = 0; i < QUANTILES.length; i++) {
        out.append("hotpath_latency_seconds{name=\"").append(label).append("\",quantile=\"")
            .append(QUANTILES[i]).append("\"} ").append(values[i] / 1e9).append('\n');
      }
      out.append("hotpath_latency_seconds_count{name=\"").append(label).append("\"} ")
          .append(s.count()).append('\n');
      out.append("hotpath_latency_seconds_sum{name=\"").append(label).append("\"} ")
          .append(s.mean() * s.count() / 1e9).append('\n');
    }
    out.append("# HELP hotpath_latency_max_seconds Largest latency in the sliding window.\n")
        .append("# TYPE hotpath_latency_max_seconds gauge\n");
    for (Map.Entry<String, LatencySnapshot> entry : snapshots.entrySet()) {
      out.append("hotpath_latency_max_seconds{name=\"").append(escape(entry.getKey())).append("\"} ")
          .append(entry.getValue().max() / 1e9).append('\n');
    }
    return out.toString();
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
