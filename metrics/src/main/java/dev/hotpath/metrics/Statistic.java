package dev.hotpath.metrics;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One statistic of a {@link LatencySnapshot}, as named in budget text ({@code p95}, {@code max}).
 */
public enum Statistic {
  /** The arithmetic mean, rounded to whole nanoseconds. */
  MEAN("mean"),
  /** The median. */
  P50("p50"),
  /** The 90th percentile. */
  P90("p90"),
  /** The 95th percentile. */
  P95("p95"),
  /** The 99th percentile. */
  P99("p99"),
  /** The 99.9th percentile. */
  P999("p999"),
  /** The largest value. */
  MAX("max");

  private final String label;

  Statistic(String label) {
    this.label = label;
  }

  /**
   * Returns the name this statistic has in budget text and reports.
   *
   * @return the lower-case label, such as {@code p95}
   */
  public String label() {
    return label;
  }

  /**
   * Reads this statistic from a snapshot.
   *
   * @param snapshot the snapshot to read
   * @return the value in nanoseconds
   */
  public long of(LatencySnapshot snapshot) {
    return switch (this) {
      case MEAN -> Math.round(snapshot.mean());
      case P50 -> snapshot.p50();
      case P90 -> snapshot.p90();
      case P95 -> snapshot.p95();
      case P99 -> snapshot.p99();
      case P999 -> snapshot.p999();
      case MAX -> snapshot.max();
    };
  }

  /**
   * Finds the statistic with the given label, ignoring case.
   *
   * @param label a label such as {@code p95} or {@code MAX}
   * @return the statistic
   * @throws IllegalArgumentException if no statistic has that label; the message lists the labels
   */
  public static Statistic fromLabel(String label) {
    for (Statistic statistic : values()) {
      if (statistic.label.equalsIgnoreCase(label)) {
        return statistic;
      }
    }
    throw new IllegalArgumentException(
        "statistic must be one of " + labels() + ", was '" + label + "'");
  }

  static String labels() {
    return Arrays.stream(values()).map(Statistic::label).collect(Collectors.joining(", "));
  }
}
