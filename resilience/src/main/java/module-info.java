/**
 * hotpath's guards for external calls ({@code Guard}: rate limit, circuit breaker, retry,
 * timeout, bulkhead, fallback, result cache, de-duplication) and the {@code BatchProcessor}
 * queue. Resilience4j's circuit breaker appears in the API ({@code CircuitBreakerConfig}, the
 * state in {@code GuardStats}) and is required transitively.
 */
module dev.hotpath.resilience {
  requires transitive dev.hotpath.core;
  requires transitive dev.hotpath.metrics;
  requires transitive io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.ratelimiter;
  requires io.github.resilience4j.bulkhead;

  exports dev.hotpath.resilience;
}
