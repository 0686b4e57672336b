package dev.hotpath.metrics;

/**
 * Latency statistics of a {@link LatencyRecorder} at one moment: its sliding window
 * ({@link LatencyRecorder#snapshot()}) or everything it ever recorded
 * ({@link LatencyRecorder#allTime()}).
 *
 * <p>All durations are in nanoseconds. Percentiles and the maximum are accurate to the recorder's
 * precision (two significant decimal digits by default, so within 1%): each is the highest value
 * equivalent to the recorded ones at that precision. An empty snapshot is {@link #EMPTY}: every
 * field zero.
 *
 * @param count the number of values recorded
 * @param mean the arithmetic mean, in nanoseconds
 * @param p50 the median, in nanoseconds
 * @param p90 the 90th percentile, in nanoseconds
 * @param p95 the 95th percentile, in nanoseconds
 * @param p99 the 99th percentile, in nanoseconds
 * @param p999 the 99.9th percentile, in nanoseconds
 * @param max the largest value, in nanoseconds
 */
public record LatencySnapshot(
    long count, double mean, long p50, long p90, long p95, long p99, long p999, long max) {

  /** The snapshot of a recorder that holds no values: every field zero. */
  public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0, 0, 0);

  /**
   * Creates a snapshot.
   *
   * @param count the number of values
   * @param mean the mean in nanoseconds
   * @param p50 the median in nanoseconds
   * @param p90 the 90th percentile in nanoseconds
   * @param p95 the 95th percentile in nanoseconds
   * @param p99 the 99th percentile in nanoseconds
   * @param p999 the 99.9th percentile in nanoseconds
   * @param max the largest value in nanoseconds
   * @throws IllegalArgumentException if {@code count} is negative
   */
  public LatencySnapshot {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, was " + count);
    }
  }

  /**
   * Returns whether no value was recorded.
   *
   * @return {@code true} when {@link #count()} is zero
   */
  public boolean isEmpty() {
    return count == 0;
  }
}
