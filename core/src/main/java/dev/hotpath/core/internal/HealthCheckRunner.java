package dev.hotpath.core.internal;

import dev.hotpath.core.ComponentHealth;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import dev.hotpath.core.SingleFlight;
import dev.hotpath.core.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs health checks on daemon threads and turns every outcome, including a throw and a timeout,
 * into a {@link ComponentHealth}.
 *
 * <p>A check still running from an earlier round (hung past its timeout) is joined, not started
 * again, so a check that never returns occupies one thread, not one per round.
 */
public final class HealthCheckRunner implements AutoCloseable {
  private static final AtomicInteger RUNNERS = new AtomicInteger();

  private final Duration timeout;
  private final Ticker ticker;
  private final ExecutorService executor;
  private final SingleFlight<Object, ComponentHealth> running = new SingleFlight<>();

  /**
   * Creates a runner with its own pool of daemon threads, grown on demand.
   *
   * @param timeout how long one round waits for a check before reporting it down
   * @param ticker measures how long each check took
   */
  public HealthCheckRunner(Duration timeout, Ticker ticker) {
    this.timeout = timeout;
    this.ticker = ticker;
    this.executor =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            new DaemonThreadFactory("hotpath-health-" + RUNNERS.incrementAndGet()));
  }

  /**
   * Starts {@code check}, or joins its run still in flight, and bounds the wait by the timeout.
   *
   * @param identity identifies the registration, so a re-registered name never joins an old run
   * @param check the check to run
   * @param critical whether the component is critical, copied into the result
   * @return a future that completes normally, at the latest when the timeout elapses
   */
  public CompletableFuture<ComponentHealth> run(Object identity, HealthCheck check, boolean critical) {
    return running
        .callAsync(
            identity, () -> CompletableFuture.supplyAsync(() -> timed(check, critical), executor))
        .exceptionally(failure -> failed(unwrap(failure), critical, Duration.ZERO))
        .completeOnTimeout(
            new ComponentHealth(Health.down("timed out after " + timeout), critical, timeout),
            timeout.toNanos(),
            TimeUnit.NANOSECONDS);
  }

  /** Interrupts running checks and stops the threads. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private ComponentHealth timed(HealthCheck check, boolean critical) {
    long start = ticker.read();
    Health health;
    try {
      health = check.check();
    } catch (Exception failure) {
      return failed(failure, critical, since(start));
    }
    if (health == null) {
      health = Health.down("health check returned null");
    }
    return new ComponentHealth(health, critical, since(start));
  }

  private Duration since(long start) {
    return Duration.ofNanos(Math.max(0, ticker.read() - start));
  }

  private static ComponentHealth failed(Throwable failure, boolean critical, Duration took) {
    String message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
    Health health = Health.down(message).withDetail("exception", failure.getClass().getName());
    return new ComponentHealth(health, critical, took);
  }

  private static Throwable unwrap(Throwable failure) {
    if (failure instanceof CompletionException && failure.getCause() != null) {
      return failure.getCause();
    }
    return failure;
  }
}
