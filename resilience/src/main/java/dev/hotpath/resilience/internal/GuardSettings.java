package dev.hotpath.resilience.internal;

import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.resilience.AsyncResultCache;
import dev.hotpath.resilience.Fallback;
import dev.hotpath.resilience.GuardListener;
import dev.hotpath.resilience.ResultCache;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The settings of one guard: {@code GuardBuilder} writes each option here as it validates it, and
 * {@code build()} hands {@link DefaultGuard} a {@link #copy()}, which nothing changes afterwards.
 * A new option is a field here (with its default) and a builder method; the guard reads the field.
 * Null (or zero permits) means the policy is off.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class GuardSettings<K, V>
    extends ListenedSettings<GuardListener, GuardSettings<K, V>> {
  /** The guard's name, validated as an instance name. */
  public final String name;
  /** Consulted before anything else by {@code call}, or null. */
  public ResultCache<K, V> cache;
  /** Consulted before anything else by {@code callAsync}, or null. */
  public AsyncResultCache<K, V> asyncCache;
  /** Whether concurrent calls with an equal key share one execution. */
  public boolean deduplicate;
  /** The bulkhead's cap on calls running at once; 0 for no bulkhead. */
  public int bulkheadPermits;
  /** How long a call waits for a bulkhead slot. */
  public Duration bulkheadWait = Duration.ZERO;
  /** Calls allowed per {@link #ratePeriod}; 0 for no rate limit. */
  public int ratePermits;
  /** The rate limiter's refresh period, or null. */
  public Duration ratePeriod;
  /** How long a call waits for a rate limiter permit. */
  public Duration rateWait = Duration.ZERO;
  /** The circuit breaker's configuration, or null for no breaker. */
  public CircuitBreakerConfig circuitBreaker;
  /** Attempts in all, the first included. */
  public int maxAttempts = 1;
  /** The backoff cap before the second attempt. */
  public Duration initialBackoff = Duration.ZERO;
  /** The largest backoff cap. */
  public Duration maxBackoff = Duration.ZERO;
  /** The factor by which the backoff cap grows per attempt. */
  public double backoffMultiplier = 2.0;
  /** Which failures are retried; set by the builder to its default. */
  public Predicate<? super Throwable> retryOn;
  /** The bound of each attempt, or null. */
  public Duration timeout;
  /** The bound of a whole call, or null. */
  public Duration deadline;
  /** Answers for calls that failed for good, or null. */
  public Fallback<K, V> fallback;
  /** Where call latency is recorded, or null for a registry of the guard's own. */
  public LatencyRegistry metrics;
  /** The clock for latency, the deadline and the rate limiter's periods. */
  public Ticker ticker = Ticker.system();
  /** Runs async retries and timeouts, or null for the shared daemon scheduler. */
  public ScheduledExecutorService scheduler;

  /**
   * Starts the settings of a guard with every policy off.
   *
   * @param name the guard's name, already validated
   * @param retryOn the default retry predicate
   */
  public GuardSettings(String name, Predicate<? super Throwable> retryOn) {
    this.name = name;
    this.retryOn = retryOn;
  }
}
