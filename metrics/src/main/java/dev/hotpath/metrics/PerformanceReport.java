package dev.hotpath.metrics;

import dev.hotpath.metrics.internal.ReportJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A point-in-time report of a {@link LatencyRegistry}: every series' window statistics, slowest
 * first, with its name and tags, the budget states, and the count of refused series; as objects
 * or as JSON.
 *
 * <p>"Slowest" orders series by p95 of the window, highest first; ties by p99, then by id (name,
 * then tags). p95 is the statistic budgets usually limit and, unlike p99 or max, is not moved by
 * a single outlier. Series whose window is empty come last. Instances are immutable.
 */
public final class PerformanceReport {
  private static final Comparator<Entry> SLOWEST_FIRST =
      Comparator.comparingLong((Entry entry) -> entry.snapshot().p95()).reversed()
          .thenComparing(Comparator.comparingLong((Entry entry) -> entry.snapshot().p99()).reversed())
          .thenComparing(Entry::id);

  private final Instant capturedAt;
  private final Duration window;
  private final List<Entry> entries;
  private final List<BudgetState> budgetStates;
  private final long refusedNames;

  private PerformanceReport(
      Instant capturedAt, Duration window, List<Entry> entries, List<BudgetState> budgetStates,
      long refusedNames) {
    this.capturedAt = capturedAt;
    this.window = window;
    this.entries = entries;
    this.budgetStates = budgetStates;
    this.refusedNames = refusedNames;
  }

  /**
   * Captures the window statistics of every series, without budgets.
   *
   * @param registry the registry to report on
   * @return the report
   * @throws NullPointerException if {@code registry} is null
   */
  public static PerformanceReport capture(LatencyRegistry registry) {
    return capture(Objects.requireNonNull(registry, "registry must not be null"), List.of());
  }

  /**
   * Captures the window statistics of every series and evaluates the monitor's budgets now; the
   * evaluation tells the monitor's listeners of transitions like a scheduled one would.
   *
   * @param registry the registry to report on
   * @param budgets the monitor whose budgets to evaluate
   * @return the report
   * @throws NullPointerException if an argument is null
   */
  public static PerformanceReport capture(LatencyRegistry registry, BudgetMonitor budgets) {
    Objects.requireNonNull(registry, "registry must not be null");
    Objects.requireNonNull(budgets, "budgets must not be null");
    return capture(registry, budgets.evaluate());
  }

  private static PerformanceReport capture(LatencyRegistry registry, List<BudgetState> states) {
    List<Entry> entries = new ArrayList<>();
    registry.series().forEach((id, recorder) -> entries.add(new Entry(id, recorder.snapshot())));
    entries.sort(SLOWEST_FIRST);
    return new PerformanceReport(
        Instant.now(), registry.window(), List.copyOf(entries), states, registry.refusedNames());
  }

  /**
   * Returns the wall-clock time the report was captured.
   *
   * @return the capture instant
   */
  public Instant capturedAt() {
    return capturedAt;
  }

  /**
   * Returns the window the statistics cover.
   *
   * @return the registry's window length
   */
  public Duration window() {
    return window;
  }

  /**
   * Returns every series with its window statistics, slowest first.
   *
   * @return an unmodifiable list
   */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * Returns the slowest series.
   *
   * @param limit how many at most; not negative
   * @return an unmodifiable list of at most {@code limit} entries, slowest first
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  public List<Entry> slowest(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    return entries.subList(0, Math.min(limit, entries.size()));
  }

  /**
   * Returns the budget states evaluated for this report.
   *
   * @return an unmodifiable list, empty when captured without a monitor
   */
  public List<BudgetState> budgetStates() {
    return budgetStates;
  }

  /**
   * Returns the registry's refused-name count at capture.
   *
   * @return see {@link LatencyRegistry#refusedNames()}
   */
  public long refusedNames() {
    return refusedNames;
  }

  /**
   * Writes the report as a JSON object: {@code capturedAt} (ISO-8601), {@code windowSeconds},
   * {@code unit} ({@code "ns"}, the unit of every latency), {@code refusedNames}, {@code series}
   * (slowest first, each with {@code series} (the id's text form, see
   * {@link MetricId#toString()}), {@code metric} (the id's name), {@code tags} (an object
   * of the id's tags), {@code count, mean, p50, p90, p95, p99, p999, max}) and
   * {@code budgets} (each with {@code budget} text, {@code series} (the id judged),
   * {@code status, observed, limit, count}).
   *
   * @return the JSON text
   */
  public String toJson() {
    return ReportJson.write(this);
  }

  /**
   * One series of the report.
   *
   * @param id the series: its name and tags
   * @param snapshot its window statistics
   */
  public record Entry(MetricId id, LatencySnapshot snapshot) {
    /**
     * Creates an entry.
     *
     * @param id the series
     * @param snapshot its window statistics
     * @throws NullPointerException if an argument is null
     */
    public Entry {
      Objects.requireNonNull(id, "id must not be null");
      Objects.requireNonNull(snapshot, "snapshot must not be null");
    }
  }
}
