package dev.hotpath.resilience.internal;

import dev.hotpath.core.Check;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import dev.hotpath.core.SingleFlight;
import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.resilience.AsyncResultCache;
import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.resilience.CallRejectedException.Reason;
import dev.hotpath.resilience.Fallback;
import dev.hotpath.resilience.Guard;
import dev.hotpath.resilience.GuardStats;
import dev.hotpath.resilience.ResultCache;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The guard: result cache, de-duplication, then the policies of {@link #protect}, then the
 * fallback (see {@link Guard} for the order and why).
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class DefaultGuard<K, V> implements Guard<K, V> {
  private static final long NO_LIMIT = Long.MAX_VALUE;

  final String name;
  final Ticker ticker;
  final Bulkhead bulkhead;
  final RateLimiter rateLimiter;
  final CircuitBreaker breaker;
  final RetryPlan retryPlan;
  final long timeoutNanos;
  final long deadlineNanos;
  final GuardEvents events;
  final ScheduledExecutorService scheduler;
  private final ResultCache<K, V> cache;
  private final AsyncResultCache<K, V> asyncCache;
  private final SingleFlight<K, V> singleFlight;
  private final Fallback<K, V> fallback;

  /**
   * Builds the policies from validated settings.
   *
   * @param settings what {@code GuardBuilder} checked
   */
  public DefaultGuard(GuardSettings<K, V> settings) {
    this.name = settings.name;
    this.ticker = settings.ticker;
    this.cache = settings.cache;
    this.asyncCache = settings.asyncCache;
    this.singleFlight = settings.deduplicate ? new SingleFlight<>() : null;
    this.fallback = settings.fallback;
    this.bulkhead = settings.bulkheadPermits == 0 ? null : Bulkhead.of(name, BulkheadConfig.custom()
        .maxConcurrentCalls(settings.bulkheadPermits)
        .maxWaitDuration(settings.bulkheadWait)
        .writableStackTraceEnabled(false)
        .build());
    this.rateLimiter = settings.ratePermits == 0 ? null : rateLimiter(settings);
    this.breaker = settings.circuitBreaker == null ? null
        : CircuitBreaker.of(name, settings.circuitBreaker);
    this.retryPlan = new RetryPlan(settings);
    this.timeoutNanos = settings.timeout == null ? NO_LIMIT : RetryPlan.saturatedNanos(settings.timeout);
    this.deadlineNanos = settings.deadline == null ? NO_LIMIT : RetryPlan.saturatedNanos(settings.deadline);
    LatencyRegistry metrics = settings.metrics == null ? LatencyRegistry.create() : settings.metrics;
    this.events = new GuardEvents(name, settings.listeners, metrics.recorder(MetricId.of("hotpath.guard.call", "guard", name)), ticker);
    this.scheduler = settings.scheduler == null ? SharedScheduler.INSTANCE : settings.scheduler;
  }

  private RateLimiter rateLimiter(GuardSettings<K, V> settings) {
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(settings.ratePermits)
        .limitRefreshPeriod(settings.ratePeriod)
        .timeoutDuration(settings.rateWait)
        .writableStackTraceEnabled(false)
        .build();
    if (ticker == Ticker.system()) {
      return RateLimiter.of(name, config);
    }
    Ticker clock = ticker;
    return RateLimiter.of(name, config, clock::read);
  }

  @Override
  public V call(K key, Callable<? extends V> work) throws Exception {
    Check.notNull(key, "key");
    Check.notNull(work, "work");
    try {
      return cache == null ? deduplicated(key, work) : cached(key, work);
    } catch (InterruptedException interrupted) {
      throw interrupted;
    } catch (Exception failure) {
      if (fallback == null) {
        throw failure;
      }
      events.fallingBack(failure);
      return fallback.recover(key, failure);
    }
  }

  private V cached(K key, Callable<? extends V> work) throws Exception {
    try {
      return cache.get(key, k -> {
        try {
          return deduplicated(k, work);
        } catch (Exception failure) {
          throw new LoadFailure(failure);
        }
      });
    } catch (RuntimeException thrown) {
      for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
        if (cause instanceof LoadFailure load) {
          throw load.failure;
        }
      }
      throw thrown;
    }
  }

  private V deduplicated(K key, Callable<? extends V> work) throws Exception {
    return singleFlight == null ? protect(work) : singleFlight.call(key, () -> protect(work));
  }

  /** Bulkhead, rate limiter, circuit breaker, then the retried, timed attempts. */
  private V protect(Callable<? extends V> work) throws Exception {
    long start = ticker.read();
    if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
      throw events.rejected(Reason.BULKHEAD_FULL, null);
    }
    try {
      admit();
      V value;
      try {
        value = retried(work, start);
      } catch (Throwable failure) {
        long nanos = events.failed(failure, start);
        if (breaker != null) {
          breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        }
        throw failure;
      }
      long nanos = events.succeeded(start);
      if (breaker != null) {
        breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      }
      return value;
    } finally {
      if (bulkhead != null) {
        bulkhead.onComplete();
      }
    }
  }

  /** Takes a rate limiter permit and the breaker's permission, or throws the rejection. */
  void admit() throws CallRejectedException {
    if (rateLimiter != null && !rateLimiter.acquirePermission()) {
      throw events.rejected(Reason.RATE_LIMITED, null);
    }
    if (breaker != null && !breaker.tryAcquirePermission()) {
      throw events.rejected(Reason.CIRCUIT_OPEN, null);
    }
    events.started();
  }

  private V retried(Callable<? extends V> work, long start) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        return timed(work, start);
      } catch (InterruptedException interrupted) {
        throw interrupted;
      } catch (Exception failure) {
        long delay = retryPlan.nextDelayNanos(attempt, failure, remaining(start));
        if (delay == RetryPlan.GIVE_UP) {
          throw failure;
        }
        if (delay == RetryPlan.PAST_DEADLINE) {
          throw events.rejected(Reason.DEADLINE_EXCEEDED, failure);
        }
        events.retrying(attempt, delay, failure);
        TimeUnit.NANOSECONDS.sleep(delay);
      }
    }
  }

  private V timed(Callable<? extends V> work, long start) throws Exception {
    long budget = attemptBudget(start);
    if (budget == NO_LIMIT) {
      return work.call();
    }
    try {
      return AttemptWatchdog.INSTANCE.run(work, budget);
    } catch (AttemptWatchdog.TimedOut timedOut) {
      throw events.rejected(Reason.TIMEOUT, timedOut.getCause());
    }
  }

  /**
   * Returns the time the next attempt may take: the timeout or what is left of the deadline.
   *
   * @throws CallRejectedException with {@code DEADLINE_EXCEEDED} when nothing is left
   */
  long attemptBudget(long start) throws CallRejectedException {
    long left = remaining(start);
    if (left <= 0) {
      throw events.rejected(Reason.DEADLINE_EXCEEDED, null);
    }
    return Math.min(timeoutNanos, left);
  }

  /** Returns the time left before the deadline of a call that started at {@code start}. */
  long remaining(long start) {
    return deadlineNanos == NO_LIMIT ? NO_LIMIT : deadlineNanos - (ticker.read() - start);
  }

  @Override
  public CompletableFuture<V> callAsync(K key, Supplier<? extends CompletionStage<? extends V>> work) {
    Check.notNull(key, "key");
    Check.notNull(work, "work");
    CompletableFuture<V> result = asyncCache == null
        ? deduplicatedAsync(key, work)
        : asyncCache.get(key, k -> deduplicatedAsync(k, work));
    if (fallback == null) {
      return result;
    }
    return result.exceptionallyCompose(thrown -> {
      Throwable failure = unwrap(thrown);
      events.fallingBack(failure);
      try {
        return CompletableFuture.completedFuture(fallback.recover(key, failure));
      } catch (Exception fallbackFailure) {
        return CompletableFuture.failedFuture(fallbackFailure);
      }
    });
  }

  private CompletableFuture<V> deduplicatedAsync(K key, Supplier<? extends CompletionStage<? extends V>> work) {
    return singleFlight == null
        ? new AsyncCall<>(this, work).start()
        : singleFlight.callAsync(key, () -> new AsyncCall<>(this, work).start());
  }

  static Throwable unwrap(Throwable thrown) {
    Throwable failure = thrown;
    while ((failure instanceof CompletionException || failure instanceof ExecutionException)
        && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public GuardStats stats() {
    return events.stats(circuitState());
  }

  private CircuitBreaker.State circuitState() {
    return breaker == null ? CircuitBreaker.State.DISABLED : breaker.getState();
  }

  @Override
  public HealthCheck healthCheck() {
    return () -> {
      GuardStats stats = stats();
      Health health = switch (stats.circuitState()) {
        case OPEN, FORCED_OPEN -> Health.degraded("circuit open: calls to " + name + " are refused");
        case HALF_OPEN -> Health.degraded("circuit half-open: trial calls to " + name);
        default -> Health.up();
      };
      return health.withDetail("circuitState", stats.circuitState().name())
          .withDetail("calls", stats.calls())
          .withDetail("failures", stats.failures())
          .withDetail("rejections", stats.rejections().values().stream().mapToLong(Long::longValue).sum());
    };
  }

  /** Carries a checked failure through a cache's loader function. */
  private static final class LoadFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Exception failure;

    LoadFailure(Exception failure) {
      super(null, failure, false, false);
      this.failure = failure;
    }
  }

  /** The daemon scheduler for async retries and timeouts of guards given none. */
  private static final class SharedScheduler {
    static final ScheduledExecutorService INSTANCE = create();

    private static ScheduledExecutorService create() {
      ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
        Thread thread = new Thread(task, "hotpath-guard-scheduler");
        thread.setDaemon(true);
        return thread;
      });
      executor.setRemoveOnCancelPolicy(true);
      return executor;
    }
  }
}
