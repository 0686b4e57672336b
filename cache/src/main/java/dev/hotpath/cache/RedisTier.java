package dev.hotpath.cache;

import dev.hotpath.cache.internal.RedisConnections;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import dev.hotpath.core.internal.Arguments;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The Redis behind one or more {@link TieredCache}s: a data connection, an invalidation
 * subscription, an operation timeout and a circuit breaker, shared by the caches built with it
 * (each needs its own namespace). Standalone Redis is tested; Sentinel (a {@link RedisURI} with
 * sentinels) and Cluster (a {@link RedisClusterClient}) use the same commands but are not tested.
 *
 * <p>Thread-safe. Close it after the caches that use it.
 */
public final class RedisTier implements AutoCloseable {
  private final RedisConnections connections;

  private RedisTier(RedisConnections connections) {
    this.connections = connections;
  }

  /**
   * Starts a builder that creates (and on close shuts down) its own Lettuce client.
   *
   * @param uri where Redis is: standalone, or Sentinel via {@code redis-sentinel://}
   * @return a new builder
   * @throws NullPointerException if {@code uri} is null
   */
  public static Builder builder(RedisURI uri) {
    Objects.requireNonNull(uri, "uri must not be null");
    return new Builder(uri, null);
  }

  /**
   * Starts a builder over a client the caller owns and shuts down.
   *
   * @param client a {@link RedisClient} (standalone or Sentinel) or {@link RedisClusterClient}
   * @return a new builder
   * @throws NullPointerException if {@code client} is null
   * @throws IllegalArgumentException if {@code client} is neither kind
   */
  public static Builder builder(AbstractRedisClient client) {
    Objects.requireNonNull(client, "client must not be null");
    if (!(client instanceof RedisClient || client instanceof RedisClusterClient)) {
      throw new IllegalArgumentException(
          "client must be a RedisClient or RedisClusterClient, was " + client.getClass().getName());
    }
    return new Builder(null, client);
  }

  RedisConnections connections() {
    return connections;
  }

  /**
   * Returns the circuit breaker guarding every Redis call, to observe its state and events.
   *
   * @return the breaker
   */
  public CircuitBreaker circuitBreaker() {
    return connections.breaker();
  }

  /**
   * Returns a health check: UP while the breaker is closed and invalidations can arrive,
   * DEGRADED otherwise (caches still answer from memory and loaders), never DOWN.
   *
   * @return the check, for {@code HealthRegistry.register("redis-cache", tier.healthCheck(), false)}
   */
  public HealthCheck healthCheck() {
    return () -> {
      CircuitBreaker.State state = connections.breaker().getState();
      boolean listening = connections.isListening();
      Health health;
      if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
        health = Health.degraded("Redis circuit breaker is open; caches serve from memory and loaders");
      } else if (!listening) {
        health = Health.degraded("invalidation subscription is disconnected");
      } else if (state == CircuitBreaker.State.HALF_OPEN) {
        health = Health.degraded("Redis circuit breaker is probing Redis");
      } else {
        health = Health.up();
      }
      return health
          .withDetail("breaker", state.name())
          .withDetail("failureRate", connections.breaker().getMetrics().getFailureRate())
          .withDetail("listening", listening);
    };
  }

  /** Closes the connections, and the client if this tier created it. */
  @Override
  public void close() {
    connections.close();
  }

  /** Builds a {@link RedisTier}; each call validates its argument at once. */
  public static final class Builder {
    private final RedisURI uri;
    private final AbstractRedisClient client;
    private String keyPrefix = "hotpath";
    private String channel;
    private Duration timeout = Duration.ofMillis(100);
    private CircuitBreakerConfig breakerConfig;

    private Builder(RedisURI uri, AbstractRedisClient client) {
      this.uri = uri;
      this.client = client;
    }

    /**
     * Sets the first part of every key (default {@code hotpath}); keys are
     * {@code <prefix>:<cache namespace>:k:<key>}.
     *
     * @param keyPrefix 1 to 100 letters, digits, '.', '-' or '_'
     * @return this builder
     * @throws NullPointerException if {@code keyPrefix} is null
     * @throws IllegalArgumentException if {@code keyPrefix} breaks the rule
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = TieredCacheBuilder.requireName(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Sets the pub/sub channel for invalidations (default {@code <prefix>:invalidations}); every
     * node sharing these caches must use the same one.
     *
     * @param channel 1 to 100 letters, digits, '.', '-' or '_'
     * @return this builder
     * @throws NullPointerException if {@code channel} is null
     * @throws IllegalArgumentException if {@code channel} breaks the rule
     */
    public Builder invalidationChannel(String channel) {
      this.channel = TieredCacheBuilder.requireName(channel, "invalidationChannel");
      return this;
    }

    /**
     * Bounds every Redis call (default 100 ms); a call over it counts as a failure.
     *
     * @param timeout a positive duration up to one minute
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is not positive or over one minute
     */
    public Builder operationTimeout(Duration timeout) {
      Arguments.requirePositive(timeout, "operationTimeout");
      if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "operationTimeout must be positive and at most PT1M, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the circuit breaker (default: opens when half of the last 20 calls failed or were
     * slower than the timeout, after at least 10; probes again after 5 s with 3 calls).
     *
     * @param config a Resilience4j breaker configuration
     * @return this builder
     * @throws NullPointerException if {@code config} is null
     */
    public Builder circuitBreaker(CircuitBreakerConfig config) {
      this.breakerConfig = Objects.requireNonNull(config, "circuitBreaker config must not be null");
      return this;
    }

    /**
     * Connects and subscribes to the invalidation channel.
     *
     * @return the tier
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now (a tier is
     *     fail-open after it started, not before)
     */
    public RedisTier build() {
      CircuitBreakerConfig config =
          breakerConfig != null
              ? breakerConfig
              : CircuitBreakerConfig.custom()
                  .slidingWindowSize(20)
                  .minimumNumberOfCalls(10)
                  .failureRateThreshold(50)
                  .slowCallDurationThreshold(timeout)
                  .waitDurationInOpenState(Duration.ofSeconds(5))
                  .permittedNumberOfCallsInHalfOpenState(3)
                  .build();
      AbstractRedisClient actual = client;
      if (actual == null) {
        RedisClient created = RedisClient.create(uri);
        created.setOptions(
            ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(timeout)).build());
        actual = created;
      }
      String effectiveChannel = channel != null ? channel : keyPrefix + ":invalidations";
      try {
        return new RedisTier(
            new RedisConnections(
                actual, client == null, keyPrefix, effectiveChannel, timeout, config, "redis-" + keyPrefix));
      } catch (RuntimeException e) {
        if (client == null) {
          actual.shutdown();
        }
        throw e;
      }
    }
  }
}
