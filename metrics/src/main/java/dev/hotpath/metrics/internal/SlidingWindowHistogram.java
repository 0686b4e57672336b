package dev.hotpath.metrics.internal;

import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.Recorder;

/**
 * A latency histogram over a sliding window of time slices, plus an all-time histogram.
 *
 * <p>Writers record into one HdrHistogram {@link Recorder} without locks. When a slice ends, the
 * recorder's values move into that slice and the ring steps forward, clearing the slices that fell
 * out of the window. Who notices the end depends on the ticker:
 *
 * <ul>
 *   <li>On {@link Ticker#system()}, a task on the JDK's shared delay scheduler rotates at each
 *       slice end ({@code SliceRotation}), so {@link #record} does not read the clock at all: it is
 *       the recorder write and a range check. This is the use HdrHistogram's {@code Recorder} is
 *       made for, a writer path free of time and an interval reader.
 *   <li>On any other ticker (a test's hand-driven one, say) no scheduler knows its time, so each
 *       {@link #record} reads the ticker and rotates when it sees the slice has ended.
 * </ul>
 *
 * <p>Either way, every read and every {@link #recordSince} (which reads the ticker anyway) also
 * rotates when it sees an ended slice, so a late scheduler only blurs the slice edge.
 *
 * <p>Slices and the all-time histogram are {@link PackedHistogram}s, so an unused slice costs
 * almost no memory; only the recorder's two active arrays are allocated in full.
 */
public final class SlidingWindowHistogram {
  private static final long LOWEST_DISCERNIBLE = 1;

  private final Ticker ticker;
  private final long sliceNanos;
  private final long highestTrackable;
  private final int significantDigits;
  private final Recorder recorder;
  private final LongAdder clamped = new LongAdder();
  private final LongAdder negatives = new LongAdder();

  /** Whether writers check the slice end themselves: no scheduler rotates this histogram. */
  private final boolean rotateOnRecord;

  /** Ticker reading at which the current slice ends. */
  private volatile long sliceEnd;

  /** Held to move values out of the recorder; writers only ever try it, never wait for it. */
  private final ReentrantLock lock = new ReentrantLock();
  private final PackedHistogram[] slices;
  private final PackedHistogram allTime;
  private int current;
  private Histogram spare;

  /**
   * Creates an empty histogram whose first slice starts now.
   *
   * @param ticker the time source
   * @param sliceNanos the length of one slice, positive
   * @param sliceCount how many slices the window holds, at least 1
   * @param highestTrackable the largest value kept as is; larger ones are clamped to it
   * @param significantDigits the precision, 1 to 3
   */
  public SlidingWindowHistogram(
      Ticker ticker, long sliceNanos, int sliceCount, long highestTrackable, int significantDigits) {
    this.ticker = ticker;
    this.sliceNanos = sliceNanos;
    this.highestTrackable = highestTrackable;
    this.significantDigits = significantDigits;
    this.recorder = new Recorder(LOWEST_DISCERNIBLE, highestTrackable, significantDigits);
    this.slices = new PackedHistogram[sliceCount];
    for (int i = 0; i < sliceCount; i++) {
      slices[i] = newPackedHistogram();
    }
    this.allTime = newPackedHistogram();
    this.sliceEnd = ticker.read() + sliceNanos;
    this.rotateOnRecord = ticker != Ticker.system();
    if (!rotateOnRecord) {
      SliceRotation.start(this);
    }
  }

  /**
   * Records one value; lock-free and never throws. Negative values are recorded as 0 and values
   * above the highest trackable one as that value; both are counted.
   *
   * @param nanos the latency in nanoseconds
   */
  public void record(long nanos) {
    if (rotateOnRecord) {
      rotateIfEnded(ticker.read());
    }
    recordValue(nanos);
  }

  /**
   * Records the time elapsed since a reading of this histogram's ticker, reading the ticker once
   * for both the latency and the window; lock-free and never throws.
   *
   * @param startTick an earlier reading of the ticker
   * @return the recorded latency in nanoseconds, before any clamping
   */
  public long recordSince(long startTick) {
    long now = ticker.read();
    rotateIfEnded(now);
    long elapsed = now - startTick;
    recordValue(elapsed);
    return elapsed;
  }

  private void rotateIfEnded(long now) {
    if (now - sliceEnd >= 0) {
      tryRotate();
    }
  }

  private void recordValue(long nanos) {
    long value = nanos;
    if (value > highestTrackable) {
      value = highestTrackable;
      clamped.increment();
    } else if (value < 0) {
      value = 0;
      negatives.increment();
    }
    recorder.recordValue(value);
  }

  /** Called by {@code SliceRotation} at (or after) a slice end. */
  void rotateOnSchedule() {
    tryRotate();
  }

  /** How long until the current slice ends, by the ticker; zero or negative once it has. */
  long nanosToSliceEnd() {
    return sliceEnd - ticker.read();
  }

  private void tryRotate() {
    // Whoever holds the lock is collecting already; this value simply lands one collection later.
    if (lock.tryLock()) {
      try {
        collect();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Returns the statistics of the newest slices.
   *
   * @param sliceCount how many of the newest slices to include, 1 to the window's slice count
   * @return the statistics of those slices
   */
  public LatencySnapshot window(int sliceCount) {
    lock.lock();
    try {
      collect();
      if (sliceCount == 1) {
        return snapshotOf(slices[current]);
      }
      PackedHistogram sum = newPackedHistogram();
      for (int i = 0; i < sliceCount; i++) {
        sum.add(slices[Math.floorMod(current - i, slices.length)]);
      }
      return snapshotOf(sum);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the statistics of everything ever recorded.
   *
   * @return the all-time statistics
   */
  public LatencySnapshot allTime() {
    lock.lock();
    try {
      collect();
      return snapshotOf(allTime);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many values were above the highest trackable value and recorded as it.
   *
   * @return the number of clamped values
   */
  public long clampedCount() {
    return clamped.sum();
  }

  /**
   * Returns how many negative values were recorded as 0.
   *
   * @return the number of negative values
   */
  public long negativeCount() {
    return negatives.sum();
  }

  /**
   * Returns the number of slices in the window.
   *
   * @return the slice count
   */
  public int sliceCount() {
    return slices.length;
  }

  /**
   * Returns the length of one slice.
   *
   * @return nanoseconds per slice
   */
  public long sliceNanos() {
    return sliceNanos;
  }

  /**
   * Moves the recorder's values into the current slice, then steps the ring past every slice that
   * has ended. Values recorded before a slice ended belong to it: a writer that sees the end
   * comes here before recording its own value.
   */
  private void collect() {
    Histogram interval = recorder.getIntervalHistogram(spare);
    if (interval.getTotalCount() > 0) {
      slices[current].add(interval);
      allTime.add(interval);
    }
    spare = interval;

    long overdue = ticker.read() - sliceEnd;
    if (overdue >= 0) {
      long ended = overdue / sliceNanos + 1;
      int steps = (int) Math.min(ended, slices.length);
      for (int i = 0; i < steps; i++) {
        current = (current + 1) % slices.length;
        slices[current].reset();
      }
      sliceEnd += ended * sliceNanos;
    }
  }

  private PackedHistogram newPackedHistogram() {
    return new PackedHistogram(LOWEST_DISCERNIBLE, highestTrackable, significantDigits);
  }

  private static LatencySnapshot snapshotOf(AbstractHistogram histogram) {
    long count = histogram.getTotalCount();
    if (count == 0) {
      return LatencySnapshot.EMPTY;
    }
    return new LatencySnapshot(
        count,
        histogram.getMean(),
        histogram.getValueAtPercentile(50),
        histogram.getValueAtPercentile(90),
        histogram.getValueAtPercentile(95),
        histogram.getValueAtPercentile(99),
        histogram.getValueAtPercentile(99.9),
        histogram.getMaxValue());
  }
}
