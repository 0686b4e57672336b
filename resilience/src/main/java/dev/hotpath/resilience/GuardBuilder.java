package dev.hotpath.resilience;

import dev.hotpath.core.Check;
import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.TagValues;
import dev.hotpath.resilience.internal.DefaultGuard;
import dev.hotpath.resilience.internal.GuardSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * Configures a {@link Guard}. Each method checks its arguments at once and throws
 * {@link IllegalArgumentException} naming the bad value and the rule (a null argument: {@link
 * NullPointerException}); {@link #build()} checks the rules that join several settings and throws
 * {@link IllegalStateException}. Calling a method again replaces what it set before, except
 * {@link #listener}, which adds one. A builder is not thread-safe; the guard it builds is
 * immutable.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public final class GuardBuilder<K, V> {
  private static final Predicate<Throwable> DEFAULT_RETRY_ON = failure ->
      failure instanceof IOException
          || failure instanceof RetryAfterAware
          || failure instanceof CallRejectedException rejection
              && rejection.reason() == CallRejectedException.Reason.TIMEOUT;

  /** The options set so far; each method writes one after validating it. */
  private final GuardSettings<K, V> settings;

  GuardBuilder(String name) {
    this.settings = new GuardSettings<>(TagValues.requireInstanceName("guard name", name), DEFAULT_RETRY_ON);
  }

  /**
   * Consults {@code cache} before anything else in {@link Guard#call}; a hit runs no policy.
   *
   * @param cache a get-or-load function, e.g. {@code tieredCache::get}
   * @param <K1> the key type the cache fixes
   * @param <V1> the value type the cache fixes
   * @return this builder, typed by the cache
   * @throws NullPointerException if {@code cache} is null
   */
  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> GuardBuilder<K1, V1> cache(ResultCache<K1, V1> cache) {
    GuardBuilder<K1, V1> self = (GuardBuilder<K1, V1>) this;
    self.settings.cache = Check.notNull(cache, "cache");
    return self;
  }

  /**
   * Consults {@code cache} before anything else in {@link Guard#callAsync}.
   *
   * @param cache an asynchronous get-or-load function
   * @param <K1> the key type the cache fixes
   * @param <V1> the value type the cache fixes
   * @return this builder, typed by the cache
   * @throws NullPointerException if {@code cache} is null
   */
  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> GuardBuilder<K1, V1> asyncCache(AsyncResultCache<K1, V1> cache) {
    GuardBuilder<K1, V1> self = (GuardBuilder<K1, V1>) this;
    self.settings.asyncCache = Check.notNull(cache, "cache");
    return self;
  }

  /**
   * Lets concurrent calls with an equal key share one execution and its outcome.
   *
   * @return this builder
   */
  public GuardBuilder<K, V> deduplicate() {
    settings.deduplicate = true;
    return this;
  }

  /**
   * Caps the calls running at once (a Resilience4j semaphore bulkhead).
   *
   * @param maxConcurrentCalls the cap; at least 1
   * @param maxWait how long a call waits for a free slot before {@code BULKHEAD_FULL}; zero or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maxConcurrentCalls} is below 1 or {@code maxWait}
   *     is negative
   */
  public GuardBuilder<K, V> bulkhead(int maxConcurrentCalls, Duration maxWait) {
    Check.atLeast(maxConcurrentCalls, 1, "bulkhead maxConcurrentCalls");
    settings.bulkheadWait = Check.notNegative(maxWait, "bulkhead maxWait");
    settings.bulkheadPermits = maxConcurrentCalls;
    return this;
  }

  /**
   * Limits calls to {@code permits} per {@code period} (a Resilience4j rate limiter).
   *
   * @param permits calls allowed per period; at least 1
   * @param period the refresh period; positive
   * @param maxWait how long a call waits for a permit before {@code RATE_LIMITED}; zero or more
   * @return this builder
   * @throws IllegalArgumentException if a value breaks its rule
   */
  public GuardBuilder<K, V> rateLimit(int permits, Duration period, Duration maxWait) {
    Check.atLeast(permits, 1, "rate limit permits");
    Check.positive(period, "rate limit period");
    settings.rateWait = Check.notNegative(maxWait, "rate limit maxWait");
    settings.ratePeriod = period;
    settings.ratePermits = permits;
    return this;
  }

  /**
   * Adds a Resilience4j circuit breaker with this configuration (failure rate, window, wait in
   * the open state, which exceptions count, clock).
   *
   * @param config the breaker's configuration
   * @return this builder
   * @throws NullPointerException if {@code config} is null
   */
  public GuardBuilder<K, V> circuitBreaker(CircuitBreakerConfig config) {
    settings.circuitBreaker = Check.notNull(config, "circuit breaker config");
    return this;
  }

  /**
   * Retries failed attempts with exponential backoff and full jitter: before attempt n+1 the
   * guard waits a uniformly random time in [0, min(maxBackoff, initialBackoff * multiplier^(n-1))],
   * or the server's Retry-After when the failure is {@link RetryAfterAware}.
   *
   * @param maxAttempts attempts in all, the first included; at least 1 (1 means no retry)
   * @param initialBackoff the backoff cap before the second attempt; zero or more
   * @param maxBackoff the largest backoff cap; at least {@code initialBackoff}
   * @return this builder
   * @throws IllegalArgumentException if a value breaks its rule
   */
  public GuardBuilder<K, V> retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    Check.atLeast(maxAttempts, 1, "retry maxAttempts");
    Check.notNegative(initialBackoff, "retry initialBackoff");
    Check.notNegative(maxBackoff, "retry maxBackoff");
    Check.argument(maxBackoff.compareTo(initialBackoff) >= 0,
        "retry maxBackoff must be at least initialBackoff %s, was %s", initialBackoff, maxBackoff);
    settings.maxAttempts = maxAttempts;
    settings.initialBackoff = initialBackoff;
    settings.maxBackoff = maxBackoff;
    return this;
  }

  /**
   * Sets the factor by which the backoff cap grows per attempt (default 2).
   *
   * @param multiplier at least 1 and finite
   * @return this builder
   * @throws IllegalArgumentException if {@code multiplier} is below 1, infinite or NaN
   */
  public GuardBuilder<K, V> backoffMultiplier(double multiplier) {
    Check.argument(multiplier >= 1.0 && !Double.isInfinite(multiplier),
        "backoff multiplier must be finite and at least 1, was %s", multiplier);
    settings.backoffMultiplier = multiplier;
    return this;
  }

  /**
   * Chooses which failures are retried. The default retries {@link IOException}s,
   * {@link RetryAfterAware} failures and attempt timeouts.
   *
   * @param retryable true for a failure worth another attempt
   * @return this builder
   * @throws NullPointerException if {@code retryable} is null
   */
  public GuardBuilder<K, V> retryOn(Predicate<? super Throwable> retryable) {
    settings.retryOn = Check.notNull(retryable, "retry predicate");
    return this;
  }

  /**
   * Bounds each attempt; an attempt that runs longer is cut with {@code TIMEOUT}.
   *
   * @param timeout positive
   * @return this builder
   * @throws IllegalArgumentException if {@code timeout} is not positive
   */
  public GuardBuilder<K, V> timeout(Duration timeout) {
    settings.timeout = Check.positive(timeout, "timeout");
    return this;
  }

  /**
   * Bounds a whole call, waits and retries included, from the moment it passes de-duplication:
   * no attempt runs past it and no retry starts that would wait past it.
   *
   * @param deadline positive
   * @return this builder
   * @throws IllegalArgumentException if {@code deadline} is not positive
   */
  public GuardBuilder<K, V> deadline(Duration deadline) {
    settings.deadline = Check.positive(deadline, "deadline");
    return this;
  }

  /**
   * Answers for calls that failed for good.
   *
   * @param fallback the fallback
   * @param <K1> the key type the fallback fixes
   * @param <V1> the value type the fallback fixes
   * @return this builder, typed by the fallback
   * @throws NullPointerException if {@code fallback} is null
   */
  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> GuardBuilder<K1, V1> fallback(Fallback<K1, V1> fallback) {
    GuardBuilder<K1, V1> self = (GuardBuilder<K1, V1>) this;
    self.settings.fallback = Check.notNull(fallback, "fallback");
    return self;
  }

  /**
   * Adds a listener for the guard's events.
   *
   * @param listener the listener
   * @return this builder
   * @throws NullPointerException if {@code listener} is null
   */
  public GuardBuilder<K, V> listener(GuardListener listener) {
    settings.listeners.add(Check.notNull(listener, "listener"));
    return this;
  }

  /**
   * Records call latency into {@code registry} as the series {@code hotpath.guard.call{guard=<name>}};
   * without it the guard uses a registry of its own.
   *
   * @param registry the shared registry
   * @return this builder
   * @throws NullPointerException if {@code registry} is null
   */
  public GuardBuilder<K, V> metrics(LatencyRegistry registry) {
    settings.metrics = Check.notNull(registry, "metrics registry");
    return this;
  }

  /**
   * Sets the clock for latency, the deadline and the rate limiter's periods (tests pass a
   * hand-advanced one).
   *
   * @param ticker the clock
   * @return this builder
   * @throws NullPointerException if {@code ticker} is null
   */
  public GuardBuilder<K, V> ticker(Ticker ticker) {
    settings.ticker = Check.notNull(ticker, "ticker");
    return this;
  }

  /**
   * Sets the scheduler for {@link Guard#callAsync} retries and timeouts; without it a shared
   * daemon scheduler is used.
   *
   * @param scheduler the scheduler
   * @return this builder
   * @throws NullPointerException if {@code scheduler} is null
   */
  public GuardBuilder<K, V> scheduler(ScheduledExecutorService scheduler) {
    settings.scheduler = Check.notNull(scheduler, "scheduler");
    return this;
  }

  /**
   * Builds the guard after checking the rules that join several settings: the timeout, the
   * bulkhead wait and the rate limiter wait must each be shorter than the deadline.
   *
   * @param <K1> the key type
   * @param <V1> the result type
   * @return the guard
   * @throws IllegalStateException if the settings contradict each other
   */
  @SuppressWarnings("unchecked")
  public <K1 extends K, V1 extends V> Guard<K1, V1> build() {
    if (settings.deadline != null) {
      requireWithinDeadline("timeout", settings.timeout);
      requireWithinDeadline("bulkhead maxWait", settings.bulkheadWait);
      requireWithinDeadline("rate limit maxWait", settings.rateWait);
    }
    return (Guard<K1, V1>) new DefaultGuard<>(settings.copy());
  }

  private void requireWithinDeadline(String what, Duration value) {
    Check.state(value == null || value.compareTo(settings.deadline) <= 0,
        "%s must not be longer than the deadline %s, was %s", what, settings.deadline, value);
  }
}
