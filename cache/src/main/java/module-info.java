/**
 * hotpath's two-tier cache: Caffeine in memory, optionally Redis behind it (Lettuce), tags,
 * cross-node invalidation, stale-while-revalidate and fail-safe. The libraries whose types appear
 * in the builder's API (Caffeine's {@code Weigher}, Lettuce's {@code RedisURI} and client,
 * Jackson's {@code ObjectMapper}, Resilience4j's {@code CircuitBreakerConfig}) are required
 * transitively.
 */
module dev.hotpath.cache {
  requires transitive dev.hotpath.core;
  requires transitive dev.hotpath.metrics;
  requires transitive com.github.benmanes.caffeine;
  requires transitive lettuce.core;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive io.github.resilience4j.circuitbreaker;

  exports dev.hotpath.cache;
}
