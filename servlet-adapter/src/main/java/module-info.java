/**
 * hotpath's Jakarta Servlet filters (ETag, compression, de-duplication, cache control, timing),
 * health and metrics servlets, and streaming writers. The Servlet API is provided by the
 * container, yet required (transitively), not {@code static}: every public type here is a
 * servlet type, so nothing in this module works without it.
 */
module dev.hotpath.servlet {
  requires transitive dev.hotpath.core;
  requires transitive dev.hotpath.metrics;
  requires transitive jakarta.servlet;
  requires com.fasterxml.jackson.databind;
  requires com.github.benmanes.caffeine;
  requires io.github.resilience4j.ratelimiter;
  requires static jakarta.ws.rs;
  // Optional: only RedisRateLimitStore uses them (shared rate limits); add both to use it.
  requires static io.github.bucket4j.core;
  requires static io.github.bucket4j.lettuce;
  requires static lettuce.core;

  exports dev.hotpath.servlet;
}
