package dev.hotpath.servlet.internal;

import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.MetricId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Formats a registry's series in the Prometheus text exposition format 0.0.4. Each metric name
 * becomes two families named as Micrometer's Prometheus registry names a timer (dots to
 * underscores): a summary {@code <name>_seconds} (window quantiles, count, sum) and a gauge
 * {@code <name>_max_seconds}; the id's tags are the labels. Names come from code and tag keys
 * are already valid label names, so only label values need escaping.
 */
public final class PrometheusText {
  private static final String[] QUANTILES = {"0.5", "0.9", "0.95", "0.99", "0.999"};

  private PrometheusText() {}

  /**
   * Formats every series.
   *
   * @param series the registry's series, sorted by id so that a name's series are adjacent
   * @return the exposition text
   */
  public static String format(SortedMap<MetricId, LatencyRecorder> series) {
    StringBuilder out = new StringBuilder(256 + series.size() * 640);
    List<Map.Entry<MetricId, LatencySnapshot>> family = new ArrayList<>();
    for (Map.Entry<MetricId, LatencyRecorder> entry : series.entrySet()) {
      if (!family.isEmpty() && !family.get(0).getKey().name().equals(entry.getKey().name())) {
        appendFamily(out, family);
        family.clear();
      }
      family.add(Map.entry(entry.getKey(), entry.getValue().snapshot()));
    }
    if (!family.isEmpty()) {
      appendFamily(out, family);
    }
    return out.toString();
  }

  private static void appendFamily(StringBuilder out, List<Map.Entry<MetricId, LatencySnapshot>> family) {
    String name = family.get(0).getKey().name();
    String base = name.replace('.', '_');
    out.append("# HELP ").append(base).append("_seconds ").append(name)
        .append(" latency over the sliding window.\n")
        .append("# TYPE ").append(base).append("_seconds summary\n");
    for (Map.Entry<MetricId, LatencySnapshot> entry : family) {
      String labels = labels(entry.getKey());
      LatencySnapshot s = entry.getValue();
      long[] values = {s.p50(), s.p90(), s.p95(), s.p99(), s.p999()};
      for (int i = 0; i < QUANTILES.length; i++) {
        out.append(base).append("_seconds{").append(labels).append(labels.isEmpty() ? "" : ",")
            .append("quantile=\"").append(QUANTILES[i]).append("\"} ").append(values[i] / 1e9)
            .append('\n');
      }
      sample(out, base + "_seconds_count", labels).append(s.count()).append('\n');
      sample(out, base + "_seconds_sum", labels).append(s.mean() * s.count() / 1e9).append('\n');
    }
    out.append("# HELP ").append(base).append("_max_seconds Largest ").append(name)
        .append(" latency in the sliding window.\n")
        .append("# TYPE ").append(base).append("_max_seconds gauge\n");
    for (Map.Entry<MetricId, LatencySnapshot> entry : family) {
      sample(out, base + "_max_seconds", labels(entry.getKey()))
          .append(entry.getValue().max() / 1e9).append('\n');
    }
  }

  private static StringBuilder sample(StringBuilder out, String metric, String labels) {
    out.append(metric);
    if (!labels.isEmpty()) {
      out.append('{').append(labels).append('}');
    }
    return out.append(' ');
  }

  private static String labels(MetricId id) {
    StringBuilder labels = new StringBuilder();
    id.tags().forEach((key, value) -> labels.append(labels.length() == 0 ? "" : ",")
        .append(key).append("=\"").append(escape(value)).append('"'));
    return labels.toString();
  }

  // The text format escapes exactly these three in label values; tag values hold no other
  // control characters.
  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
