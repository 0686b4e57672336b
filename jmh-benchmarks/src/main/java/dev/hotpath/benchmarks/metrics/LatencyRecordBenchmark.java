package dev.hotpath.benchmarks.metrics;

import dev.hotpath.metrics.LatencyRecorder;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of recording one latency: {@link LatencyRecorder#record} against the raw HdrHistogram
 * {@link Recorder} it is built on (the floor: no window, no clock) and Micrometer's
 * {@link Timer#record(long, TimeUnit)} on a {@link SimpleMeterRegistry} (the peer). Contract:
 * LatencyRecorder at most 1x Micrometer.
 *
 * <p>The {@code timed*} pair measures what a caller pays to time one (empty) call, clock reads
 * included: {@code start = nanoTime(); recordSince(start)} against Micrometer's usual
 * {@code record(nanoTime() - start)}. Both read the clock twice.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LatencyRecordBenchmark {
  private static final long ONE_HOUR_NANOS = Duration.ofHours(1).toNanos();

  private LatencyRecorder latencyRecorder;
  private Recorder rawRecorder;
  private Timer micrometerTimer;
  /** A field, not a constant, so the JIT cannot fold the value into the histogram index. */
  private long latencyNanos;

  /** Builds each recorder with the same range and precision. */
  @Setup
  public void setUp() {
    latencyRecorder = LatencyRecorder.create();
    rawRecorder = new Recorder(1, ONE_HOUR_NANOS, 2);
    micrometerTimer = Timer.builder("bench.latency").register(new SimpleMeterRegistry());
    latencyNanos = 1_234_567;
  }

  /** hotpath: range check and HdrHistogram Recorder; the window is rotated on a schedule. */
  @Benchmark
  public void latencyRecorder() {
    latencyRecorder.record(latencyNanos);
  }

  /** Raw baseline: HdrHistogram Recorder alone. */
  @Benchmark
  public void rawHdrRecorder() {
    rawRecorder.recordValue(latencyNanos);
  }

  /** Peer: Micrometer Timer (count, total, decaying max). */
  @Benchmark
  public void micrometerTimer() {
    micrometerTimer.record(latencyNanos, TimeUnit.NANOSECONDS);
  }

  /** hotpath, timing a call: one clock read at the start, recordSince reads the end. */
  @Benchmark
  public long timedLatencyRecorder() {
    long start = System.nanoTime();
    return latencyRecorder.recordSince(start);
  }

  /** Micrometer, timing a call the usual way: two clock reads around it, then record. */
  @Benchmark
  public void timedMicrometerTimer() {
    long start = System.nanoTime();
    micrometerTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
  }
}
