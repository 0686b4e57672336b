package dev.hotpath.metrics;

import dev.hotpath.metrics.internal.BudgetEvaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates {@link Budget}s against a {@link LatencyRegistry} on a schedule and tells
 * {@link BudgetListener}s when a series starts or stops breaching one.
 *
 * <p>{@link #start()} evaluates every {@link Builder#interval(Duration) interval} on a daemon
 * thread of the monitor's own; {@link #evaluate()} evaluates at once on the caller's thread (tests
 * drive the monitor this way, with a hand-advanced ticker in the registry). Evaluations never
 * overlap. A series that has not recorded enough values in the budget's window
 * ({@link Builder#minSamples(long)}) is {@link BudgetStatus#NO_DATA}, which counts as recovered
 * for a series that was breaching.
 *
 * <p>All methods are thread-safe.
 */
public final class BudgetMonitor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetMonitor.class);

  private final List<Budget> budgets;
  private final Duration interval;
  private final BudgetEvaluator evaluator;
  private List<BudgetState> states = List.of();
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> schedule;
  private boolean closed;

  private BudgetMonitor(Builder builder) {
    this.budgets = List.copyOf(builder.budgets);
    this.interval = builder.interval;
    this.evaluator =
        new BudgetEvaluator(builder.registry, budgets, builder.listeners, builder.minSamples);
  }

  /**
   * Starts configuring a monitor of {@code registry}.
   *
   * @param registry the recorders the budgets are evaluated against
   * @return a new builder
   * @throws NullPointerException if {@code registry} is null
   */
  public static Builder builder(LatencyRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry must not be null"));
  }

  /**
   * Evaluates every budget now, tells the listeners of transitions, and returns the states.
   *
   * @return the states, budget by budget in the order they were added and series by series in id
   *     order for budgets that apply to every series
   */
  public synchronized List<BudgetState> evaluate() {
    states = evaluator.evaluate();
    return states;
  }

  /** A scheduled executor stops a task that throws; one bad evaluation must not end them all. */
  private void evaluateOnSchedule() {
    try {
      evaluate();
    } catch (RuntimeException failure) {
      LOG.warn("scheduled budget evaluation failed; the next one runs as planned", failure);
    }
  }

  /**
   * Returns the states of the last evaluation.
   *
   * @return the last states, empty before the first evaluation
   */
  public synchronized List<BudgetState> states() {
    return states;
  }

  /**
   * Returns the budgets this monitor evaluates.
   *
   * @return the budgets, in the order they were added
   */
  public List<Budget> budgets() {
    return budgets;
  }

  /**
   * Starts evaluating every interval, the first time one interval from now, on a daemon thread
   * named {@code hotpath-budget-monitor}. Calling it again while started does nothing.
   *
   * @return this monitor
   * @throws IllegalStateException if the monitor was closed
   */
  public synchronized BudgetMonitor start() {
    if (closed) {
      throw new IllegalStateException("budget monitor is closed and cannot be started");
    }
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "hotpath-budget-monitor");
                thread.setDaemon(true);
                return thread;
              });
      long nanos = interval.toNanos();
      schedule =
          scheduler.scheduleWithFixedDelay(this::evaluateOnSchedule, nanos, nanos, TimeUnit.NANOSECONDS);
    }
    return this;
  }

  /**
   * Returns whether scheduled evaluation is running.
   *
   * @return {@code true} between {@link #start()} and {@link #close()}
   */
  public synchronized boolean isStarted() {
    return schedule != null && !closed;
  }

  /** Stops scheduled evaluation; {@link #evaluate()} still works. Idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    if (scheduler != null) {
      schedule.cancel(false);
      scheduler.shutdownNow();
    }
  }

  /** Configures a {@link BudgetMonitor}; each setter validates its argument at once. */
  public static final class Builder {
    private final LatencyRegistry registry;
    private final List<Budget> budgets = new ArrayList<>();
    private final List<BudgetListener> listeners = new ArrayList<>();
    private Duration interval = Duration.ofSeconds(10);
    private long minSamples = 1;

    private Builder(LatencyRegistry registry) {
      this.registry = registry;
    }

    /**
     * Adds a budget.
     *
     * @param budget the budget
     * @return this builder
     * @throws NullPointerException if {@code budget} is null
     */
    public Builder budget(Budget budget) {
      budgets.add(Objects.requireNonNull(budget, "budget must not be null"));
      return this;
    }

    /**
     * Adds a budget written as text; see {@link Budget#parse(String)}.
     *
     * @param text the budget text, such as {@code "GET /api/photos p95 < 300ms over 1m"}
     * @return this builder
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is not a valid budget
     */
    public Builder budget(String text) {
      return budget(Budget.parse(text));
    }

    /**
     * Adds a listener for breach and recovery events.
     *
     * @param listener the listener
     * @return this builder
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder listener(BudgetListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener must not be null"));
      return this;
    }

    /**
     * Sets how often {@link BudgetMonitor#start()} evaluates; default 10 seconds.
     *
     * @param interval at least 1 millisecond
     * @return this builder
     * @throws NullPointerException if {@code interval} is null
     * @throws IllegalArgumentException if {@code interval} is below 1 millisecond or too large
     */
    public Builder interval(Duration interval) {
      Objects.requireNonNull(interval, "interval must not be null");
      if (interval.compareTo(Duration.ofMillis(1)) < 0) {
        throw new IllegalArgumentException("interval must be at least 1ms, was " + interval);
      }
      if (interval.compareTo(Duration.ofDays(365)) > 0) {
        throw new IllegalArgumentException("interval must be at most 365 days, was " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Sets how many values a window must hold before a budget is judged; below it the status is
     * {@link BudgetStatus#NO_DATA}. Default 1. A higher minimum keeps a handful of slow calls at
     * night from breaching a p99 budget.
     *
     * @param minSamples at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code minSamples} is below 1
     */
    public Builder minSamples(long minSamples) {
      if (minSamples < 1) {
        throw new IllegalArgumentException("minSamples must be at least 1, was " + minSamples);
      }
      this.minSamples = minSamples;
      return this;
    }

    /**
     * Builds the monitor; it evaluates only when asked until {@link BudgetMonitor#start()}.
     *
     * @return the monitor
     */
    public BudgetMonitor build() {
      return new BudgetMonitor(this);
    }
  }
}
