package dev.hotpath.resilience;

import dev.hotpath.core.HealthCheck;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Protects calls to one slow, rate-limited or unreliable external service. A call meets the
 * configured policies in this fixed order:
 *
 * <ol>
 *   <li>result cache: a cached answer returns at once and touches nothing else;</li>
 *   <li>de-duplication: concurrent calls with an equal key share one execution (core's
 *       {@code SingleFlight}), so they use one bulkhead slot, one permit, one upstream call;</li>
 *   <li>bulkhead: caps concurrent calls, so a slow upstream cannot take every thread;</li>
 *   <li>rate limiter: spends one permit per call, before the breaker, so calls it refuses never
 *       count as upstream failures;</li>
 *   <li>circuit breaker: counts the outcome of the whole retried call once, and while open
 *       refuses calls without spending retries on a service that is down;</li>
 *   <li>retry: exponential backoff with full jitter, or the server's Retry-After, only for
 *       failures the retry predicate allows, never past the deadline;</li>
 *   <li>timeout: bounds each attempt (by the timeout or what is left of the deadline);</li>
 *   <li>fallback: answers for the call when all of the above failed; its answers are never
 *       cached.</li>
 * </ol>
 *
 * <p>A guard is thread-safe and its configuration is immutable. Build one per external service
 * with {@link #builder(String)} and share it.
 *
 * @param <K> the call key: equal keys are de-duplicated and share a cache entry
 * @param <V> the result type
 */
public interface Guard<K, V> {

  /**
   * Starts configuring a guard. Nothing is enabled until configured.
   *
   * @param name the guard's name, used in rejections, events, health and as the {@code guard} tag
   *     of its metrics; an instance name ({@code TagValues.requireInstanceName}: 1 to 64 letters,
   *     digits, '.', '-' or '_')
   * @return a new builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} breaks the instance-name rule
   */
  static GuardBuilder<Object, Object> builder(String name) {
    return new GuardBuilder<>(name);
  }

  /**
   * Runs {@code work} on the calling thread under the guard's policies. A timeout interrupts the
   * calling thread, so the work must respond to interruption (the JDK {@code HttpClient} does;
   * a classic blocking socket read does not: give such clients their own read timeout).
   *
   * @param key the call's key, for de-duplication and the result cache; must not be null
   * @param work the call to the external service
   * @return the work's (or the cache's, or the fallback's) result
   * @throws CallRejectedException when a policy rejected or cut the call and no fallback answered
   * @throws InterruptedException when the calling thread was interrupted while waiting
   * @throws Exception the work's own last failure when no fallback answered
   */
  V call(K key, Callable<? extends V> work) throws Exception;

  /**
   * Runs {@code work} asynchronously under the guard's policies. A timeout completes the returned
   * future without waiting for the work and cancels the work's future. The bulkhead and rate
   * limiter waits, when configured, happen on the calling thread; retries call {@code work} on the
   * guard's scheduler thread, so {@code work} must start its call without blocking.
   *
   * @param key the call's key, for de-duplication and the result cache; must not be null
   * @param work starts the call and returns its stage
   * @return a future of the result; it fails with {@link CallRejectedException} or the work's
   *     own last failure when no fallback answered
   */
  CompletableFuture<V> callAsync(K key, Supplier<? extends CompletionStage<? extends V>> work);

  /**
   * Returns the guard's name.
   *
   * @return the name given to {@link #builder(String)}
   */
  String name();

  /**
   * Returns the guard's counts and circuit state.
   *
   * @return a snapshot of the counts since the guard was built
   */
  GuardStats stats();

  /**
   * Returns a health check of this guard: UP while the circuit is closed (or there is none),
   * DEGRADED while it is open or half-open, with the state and counts as details.
   *
   * @return a health check to register with a {@code HealthRegistry}
   */
  HealthCheck healthCheck();
}
