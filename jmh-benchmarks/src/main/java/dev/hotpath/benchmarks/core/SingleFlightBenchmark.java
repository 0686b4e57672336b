package dev.hotpath.benchmarks.core;

import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.core.SingleFlight;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What {@link SingleFlight#call} costs on top of running the work directly.
 *
 * <p>{@code direct} and {@code singleFlight} run alone (uncontended: every call is a leader).
 * The {@code contended*} groups run two threads on one key, so calls overlap and followers wait
 * for the leader's outcome; {@code contendedDirect} is the same two threads without sharing.
 * The work burns a fixed amount of CPU so that sharing has something to share.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SingleFlightBenchmark extends StandardRun {

  private static final String KEY = "photo:42";

  private final SingleFlight<String, Long> singleFlight = new SingleFlight<>();
  private final Callable<Long> work =
      () -> {
        Blackhole.consumeCPU(64);
        return 42L;
      };

  /** The work itself, no wrapper: the baseline. */
  @Benchmark
  public Long direct() throws Exception {
    return work.call();
  }

  /** The same work through {@link SingleFlight#call}, one thread: always the leader. */
  @Benchmark
  public Long singleFlight() throws Exception {
    return singleFlight.call(KEY, work);
  }

  /** Two threads running the work directly: the contended baseline. */
  @Benchmark
  @Group("contendedDirect")
  @GroupThreads(2)
  public Long contendedDirect() throws Exception {
    return work.call();
  }

  /** Two threads sharing one key: followers join the leader's execution. */
  @Benchmark
  @Group("contendedSingleFlight")
  @GroupThreads(2)
  public Long contendedSingleFlight() throws Exception {
    return singleFlight.call(KEY, work);
  }
}
