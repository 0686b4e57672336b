package dev.hotpath.metrics;

import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.internal.SlidingWindowHistogram;
import java.time.Duration;
import java.util.Objects;

/**
 * Records latencies without locks and reports percentiles over a sliding window of time and
 * over all time.
 *
 * <p>The window is a ring of slices (by default 60 seconds in 6 slices of 10 seconds). A snapshot
 * covers the current, partly elapsed slice and the slices before it, so with the defaults it holds
 * between the last 50 and the last 60 seconds of values. On {@link Ticker#system()} the slices
 * are rotated at each slice end by a task on the JDK's shared delay scheduler (hotpath starts no
 * thread), so {@link #record} never reads the clock; on any other ticker each {@link #record}
 * reads it and rotates when a slice has ended. Reads rotate too, whichever the ticker.
 *
 * <p>Values are kept in an HdrHistogram {@link org.HdrHistogram.Recorder} with two significant
 * decimal digits by default (percentiles within 1%). A value above {@link #highestTrackable()} is
 * recorded as that value and counted in {@link #clampedCount()}; a negative value is recorded as 0
 * and counted in {@link #negativeCount()}. Recording never throws.
 *
 * <p>All methods are thread-safe. {@link #record} is lock-free; snapshots take a lock that
 * writers never wait for.
 */
public final class LatencyRecorder {
  private final SlidingWindowHistogram histogram;
  private final Duration window;
  private final Duration highestTrackable;
  private final Ticker ticker;

  private LatencyRecorder(Builder builder) {
    this.ticker = builder.ticker;
    this.window = builder.window;
    this.highestTrackable = builder.highestTrackable;
    this.histogram =
        new SlidingWindowHistogram(
            builder.ticker,
            builder.window.toNanos() / builder.slices,
            builder.slices,
            builder.highestTrackable.toNanos(),
            builder.significantDigits);
  }

  /**
   * Creates a recorder with the defaults: a 60 second window in 6 slices, values up to one hour,
   * two significant digits, the system ticker.
   *
   * @return a new, empty recorder
   */
  public static LatencyRecorder create() {
    return builder().build();
  }

  /**
   * Starts configuring a recorder; every option has the default {@link #create()} uses.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Records one latency. Lock-free, allocation-free and never throws; on the system ticker it does
   * not read the clock. A value above
   * {@link #highestTrackable()} is recorded as that value and counted in {@link #clampedCount()},
   * a negative value is recorded as 0 and counted in {@link #negativeCount()}.
   *
   * @param nanos the latency in nanoseconds
   */
  public void record(long nanos) {
    histogram.record(nanos);
  }

  /**
   * Records the time elapsed since {@code startTick}, an earlier reading of {@link #ticker()}, and
   * returns it: {@code record(ticker().read() - startTick)} in one call, which also rotates the
   * window if the reading shows a slice has ended. Lock-free, allocation-free and never throws;
   * clamping as in
   * {@link #record(long)}.
   *
   * @param startTick a reading of {@link #ticker()} taken when the timed work began
   * @return the elapsed nanoseconds, as measured, before any clamping
   */
  public long recordSince(long startTick) {
    return histogram.recordSince(startTick);
  }

  /**
   * Returns the ticker this recorder rotates its window by; read it for {@link #recordSince}.
   *
   * @return the ticker
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * Returns the statistics of the sliding window: the current slice and those before it, as many
   * as the window holds.
   *
   * @return the window's statistics, {@link LatencySnapshot#EMPTY} when it holds no values
   */
  public LatencySnapshot snapshot() {
    return histogram.window(histogram.sliceCount());
  }

  /**
   * Returns the statistics of the newest part of the window: as many of the newest slices as cover
   * {@code last}, rounded up to whole slices and at most the whole window.
   *
   * @param last how far back to look; must be positive
   * @return the statistics of those slices
   * @throws NullPointerException if {@code last} is null
   * @throws IllegalArgumentException if {@code last} is zero or negative
   */
  public LatencySnapshot snapshot(Duration last) {
    Objects.requireNonNull(last, "last must not be null");
    if (last.isZero() || last.isNegative()) {
      throw new IllegalArgumentException("last must be positive, was " + last);
    }
    long sliceNanos = histogram.sliceNanos();
    long wanted = last.compareTo(window) >= 0 ? histogram.sliceCount()
        : (last.toNanos() + sliceNanos - 1) / sliceNanos;
    return histogram.window((int) Math.min(wanted, histogram.sliceCount()));
  }

  /**
   * Returns the statistics of every value recorded since this recorder was created.
   *
   * @return the all-time statistics, {@link LatencySnapshot#EMPTY} before the first value
   */
  public LatencySnapshot allTime() {
    return histogram.allTime();
  }

  /**
   * Returns how many values exceeded {@link #highestTrackable()} and were recorded as it.
   *
   * @return the number of clamped values since creation
   */
  public long clampedCount() {
    return histogram.clampedCount();
  }

  /**
   * Returns how many negative values were recorded as 0.
   *
   * @return the number of negative values since creation
   */
  public long negativeCount() {
    return histogram.negativeCount();
  }

  /**
   * Returns the length of the sliding window.
   *
   * @return the window length
   */
  public Duration window() {
    return window;
  }

  /**
   * Returns the largest latency kept as is.
   *
   * @return the highest trackable value
   */
  public Duration highestTrackable() {
    return highestTrackable;
  }

  /**
   * Configures a {@link LatencyRecorder}. Each setter validates its argument at once. A builder may
   * build any number of recorders; {@link LatencyRegistry} uses one as the template for all of its
   * recorders.
   */
  public static final class Builder {
    private static final Duration MIN_SLICE = Duration.ofMillis(1);
    private static final Duration MIN_HIGHEST_TRACKABLE = Duration.ofNanos(1000);
    private static final int MAX_SLICES = 1000;

    private Duration window = Duration.ofSeconds(60);
    private int slices = 6;
    private Duration highestTrackable = Duration.ofHours(1);
    private int significantDigits = 2;
    private Ticker ticker = Ticker.system();

    private Builder() {}

    private Builder(Builder other) {
      this.window = other.window;
      this.slices = other.slices;
      this.highestTrackable = other.highestTrackable;
      this.significantDigits = other.significantDigits;
      this.ticker = other.ticker;
    }

    /**
     * Sets the sliding window and how many slices it is rotated in. More slices make the window's
     * edge sharper and cost more memory per recorder.
     *
     * @param total the window length; positive, fitting in a long of nanoseconds
     * @param slices how many slices, 1 to 1000; each slice must be at least 1 ms long
     * @return this builder
     * @throws NullPointerException if {@code total} is null
     * @throws IllegalArgumentException if a rule above is broken
     */
    public Builder window(Duration total, int slices) {
      Objects.requireNonNull(total, "window must not be null");
      if (total.isZero() || total.isNegative()) {
        throw new IllegalArgumentException("window must be positive, was " + total);
      }
      if (slices < 1 || slices > MAX_SLICES) {
        throw new IllegalArgumentException(
            "slices must be between 1 and " + MAX_SLICES + ", was " + slices);
      }
      long totalNanos = nanosOf("window", total);
      if (totalNanos / slices < MIN_SLICE.toNanos()) {
        throw new IllegalArgumentException(
            "each slice (window / slices) must be at least 1ms, was window " + total
                + " in " + slices + " slices");
      }
      this.window = total;
      this.slices = slices;
      return this;
    }

    /**
     * Sets the largest latency kept as is; larger values are recorded as this one and counted.
     * Higher limits cost a little memory (logarithmically).
     *
     * @param highest at least 1 microsecond, fitting in a long of nanoseconds
     * @return this builder
     * @throws NullPointerException if {@code highest} is null
     * @throws IllegalArgumentException if {@code highest} is below 1 microsecond or too large
     */
    public Builder highestTrackable(Duration highest) {
      Objects.requireNonNull(highest, "highestTrackable must not be null");
      if (highest.compareTo(MIN_HIGHEST_TRACKABLE) < 0) {
        throw new IllegalArgumentException(
            "highestTrackable must be at least " + MIN_HIGHEST_TRACKABLE + ", was " + highest);
      }
      nanosOf("highestTrackable", highest);
      this.highestTrackable = highest;
      return this;
    }

    /**
     * Sets the precision: 1 digit keeps values within 10%, 2 within 1%, 3 within 0.1%. Each digit
     * costs about ten times the memory of the one before.
     *
     * @param digits 1 to 3
     * @return this builder
     * @throws IllegalArgumentException if {@code digits} is outside 1 to 3
     */
    public Builder significantDigits(int digits) {
      if (digits < 1 || digits > 3) {
        throw new IllegalArgumentException("significantDigits must be between 1 and 3, was " + digits);
      }
      this.significantDigits = digits;
      return this;
    }

    /**
     * Sets the time source that rotates the window; tests pass one they advance by hand.
     *
     * @param ticker the ticker
     * @return this builder
     * @throws NullPointerException if {@code ticker} is null
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
      return this;
    }

    /**
     * Builds a new, empty recorder from the current settings.
     *
     * @return the recorder
     */
    public LatencyRecorder build() {
      return new LatencyRecorder(this);
    }

    /** A copy, so a registry keeps the settings it was built with whatever the caller does next. */
    Builder copy() {
      return new Builder(this);
    }

    Duration window() {
      return window;
    }

    private static long nanosOf(String option, Duration duration) {
      try {
        return duration.toNanos();
      } catch (ArithmeticException tooLarge) {
        throw new IllegalArgumentException(
            option + " must fit in a long of nanoseconds (about 292 years), was " + duration);
      }
    }
  }
}
