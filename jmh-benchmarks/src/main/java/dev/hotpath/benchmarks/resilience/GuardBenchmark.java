package dev.hotpath.benchmarks.resilience;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.resilience.Guard;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The success path of {@link Guard#call}: what the policies add to a call that succeeds at once.
 *
 * <ul>
 *   <li>{@code direct}: the work alone, the baseline;</li>
 *   <li>{@code guardAllPolicies}: de-duplication, bulkhead, rate limiter, circuit breaker,
 *       retry, timeout, deadline and fallback (no result cache: a hit would skip the rest);</li>
 *   <li>{@code guardSamePoliciesAsR4j}: bulkhead, rate limiter, breaker and retry only, the set
 *       Resilience4j composes synchronously without a thread hand-off;</li>
 *   <li>{@code resilience4jHandComposed}: those four decorated by hand with Resilience4j, the
 *       decorated callable built once (its cheapest use);</li>
 *   <li>{@code resilience4jHandComposedWithLatency}: the same, plus what a Guard also does on
 *       every call: time it and record the latency into a hotpath {@link LatencyRecorder};</li>
 *   <li>{@code failsafeSamePolicies}: Failsafe's retry, breaker, rate limiter and bulkhead.</li>
 * </ul>
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class GuardBenchmark extends StandardRun {
  private static final String KEY = "photo-42.jpg";
  private static final int PLENTY = Integer.MAX_VALUE / 2;

  private final Callable<String> work = () -> "cat,sofa";

  private Guard<String, String> allPolicies;
  private Guard<String, String> samePoliciesAsR4j;
  private Callable<String> resilience4j;
  private FailsafeExecutor<String> failsafe;
  private final LatencyRecorder latency = LatencyRecorder.create();

  /** Builds every contender with limits the benchmark never reaches. */
  @Setup
  public void setUp() {
    allPolicies = Guard.builder("vision-api")
        .deduplicate()
        .bulkhead(1_000, Duration.ZERO)
        .rateLimit(PLENTY, Duration.ofSeconds(1), Duration.ZERO)
        .circuitBreaker(CircuitBreakerConfig.ofDefaults())
        .retry(3, Duration.ofMillis(10), Duration.ofMillis(100))
        .timeout(Duration.ofSeconds(1))
        .deadline(Duration.ofSeconds(5))
        .fallback((String key, Throwable failure) -> "unlabelled")
        .build();
    samePoliciesAsR4j = Guard.builder("vision-api-4")
        .bulkhead(1_000, Duration.ZERO)
        .rateLimit(PLENTY, Duration.ofSeconds(1), Duration.ZERO)
        .circuitBreaker(CircuitBreakerConfig.ofDefaults())
        .retry(3, Duration.ofMillis(10), Duration.ofMillis(100))
        .build();

    Bulkhead bulkhead = Bulkhead.of("r4j", BulkheadConfig.custom().maxConcurrentCalls(1_000)
        .maxWaitDuration(Duration.ZERO).build());
    RateLimiter rateLimiter = RateLimiter.of("r4j", RateLimiterConfig.custom().limitForPeriod(PLENTY)
        .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ZERO).build());
    CircuitBreaker breaker = CircuitBreaker.of("r4j", CircuitBreakerConfig.ofDefaults());
    Retry retry = Retry.of("r4j", RetryConfig.custom().maxAttempts(3).waitDuration(Duration.ofMillis(10)).build());
    resilience4j = Bulkhead.decorateCallable(bulkhead,
        RateLimiter.decorateCallable(rateLimiter,
            CircuitBreaker.decorateCallable(breaker,
                Retry.decorateCallable(retry, work))));

    failsafe = Failsafe.with(
        dev.failsafe.RetryPolicy.<String>builder().withMaxAttempts(3)
            .withBackoff(Duration.ofMillis(10), Duration.ofMillis(100)).build(),
        dev.failsafe.CircuitBreaker.<String>ofDefaults(),
        dev.failsafe.RateLimiter.<String>burstyBuilder(PLENTY, Duration.ofSeconds(1)).build(),
        dev.failsafe.Bulkhead.<String>builder(1_000).build());
  }

  /** The work alone. */
  @Benchmark
  public String direct() throws Exception {
    return work.call();
  }

  /** Every Guard policy but the result cache. */
  @Benchmark
  public String guardAllPolicies() throws Exception {
    return allPolicies.call(KEY, work);
  }

  /** Bulkhead, rate limiter, breaker and retry through a Guard. */
  @Benchmark
  public String guardSamePoliciesAsR4j() throws Exception {
    return samePoliciesAsR4j.call(KEY, work);
  }

  /** Bulkhead, rate limiter, breaker and retry decorated by hand with Resilience4j. */
  @Benchmark
  public String resilience4jHandComposed() throws Exception {
    return resilience4j.call();
  }

  /** The hand-composed Resilience4j call, timed into a latency recorder as a Guard does. */
  @Benchmark
  public String resilience4jHandComposedWithLatency() throws Exception {
    long start = latency.ticker().read();
    String labels = resilience4j.call();
    latency.recordSince(start);
    return labels;
  }

  /** Retry, breaker, rate limiter and bulkhead with Failsafe. */
  @Benchmark
  public String failsafeSamePolicies() {
    return failsafe.get(work::call);
  }
}
