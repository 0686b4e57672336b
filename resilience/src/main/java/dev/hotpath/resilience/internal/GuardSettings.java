package dev.hotpath.resilience.internal;

import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.resilience.AsyncResultCache;
import dev.hotpath.resilience.Fallback;
import dev.hotpath.resilience.GuardListener;
import dev.hotpath.resilience.ResultCache;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;

/**
 * The validated settings a {@code GuardBuilder} hands to {@link DefaultGuard}; null (or zero
 * permits) means the policy is off.
 *
 * @param <K> the key type
 * @param <V> the result type
 */
public record GuardSettings<K, V>(
    String name,
    ResultCache<K, V> cache,
    AsyncResultCache<K, V> asyncCache,
    boolean deduplicate,
    int bulkheadPermits,
    Duration bulkheadWait,
    int ratePermits,
    Duration ratePeriod,
    Duration rateWait,
    CircuitBreakerConfig circuitBreaker,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    double backoffMultiplier,
    Predicate<? super Throwable> retryOn,
    Duration timeout,
    Duration deadline,
    Fallback<K, V> fallback,
    List<GuardListener> listeners,
    LatencyRegistry metrics,
    Ticker ticker,
    ScheduledExecutorService scheduler) {}
