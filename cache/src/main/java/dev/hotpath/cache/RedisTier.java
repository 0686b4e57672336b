package dev.hotpath.cache;

import dev.hotpath.cache.internal.RedisConnections;
import dev.hotpath.core.Check;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Redis behind one or more {@link TieredCache}s: a data connection, an invalidation
 * subscription, an operation timeout and a circuit breaker, shared by the caches built with it
 * (each needs its own namespace). Standalone Redis, Sentinel (a {@link RedisURI} with sentinels)
 * and Cluster (a {@link RedisClusterClient} of the caller's, with topology refresh on) are tested,
 * failovers included (see the module README for what holds during one).
 *
 * <p>Thread-safe. Close it after the caches that use it.
 */
public final class RedisTier implements AutoCloseable {
  private final RedisConnections connections;
  private final Duration heartbeatTimeout;

  private RedisTier(RedisConnections connections, Duration heartbeatTimeout) {
    this.connections = connections;
    this.heartbeatTimeout = heartbeatTimeout;
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
      boolean deaf = connections.isDeaf();
      Health health;
      if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN) {
        health = Health.degraded("Redis circuit breaker is open; caches serve from memory and loaders");
      } else if (!listening) {
        health = Health.degraded("invalidation subscription is disconnected");
      } else if (deaf) {
        health =
            Health.degraded(
                "invalidation subscription has not delivered this node's heartbeat for over "
                    + heartbeatTimeout + "; caches answer from loaders, not memory");
      } else if (state == CircuitBreaker.State.HALF_OPEN) {
        health = Health.degraded("Redis circuit breaker is probing Redis");
      } else {
        health = Health.up();
      }
      return health
          .withDetail("breaker", state.name())
          .withDetail("failureRate", connections.breaker().getMetrics().getFailureRate())
          .withDetail("listening", listening)
          .withDetail("heartbeatHeard", !deaf);
    };
  }

  /** Closes the connections, and the client if this tier created it. */
  @Override
  public void close() {
    connections.close();
  }

  /** Builds a {@link RedisTier}; each call validates its argument at once. */
  public static final class Builder {
    private static final Duration DEFAULT_BREAKER_WAIT = Duration.ofSeconds(1);
    private static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration DEFAULT_RECONNECT_FIRST = Duration.ofMillis(10);
    private static final Duration DEFAULT_RECONNECT_MAX = Duration.ofMillis(500);
    /** Bounds one reconnect attempt to a host that does not answer (Lettuce's default is 10 s). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private final RedisURI uri;
    private final AbstractRedisClient client;
    private String keyPrefix = "hotpath";
    private String channel;
    private Duration timeout = Duration.ofMillis(100);
    private CircuitBreakerConfig breakerConfig;
    private Duration breakerWait;
    /** Null until set: the default then follows the operation timeout. */
    private Duration heartbeatTimeout;
    private Duration reconnectFirst;
    private Duration reconnectMax;

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
      Check.positive(timeout, "operationTimeout");
      if (timeout.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "operationTimeout must be positive and at most PT1M, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the circuit breaker (default: opens when half of the last 20 calls failed or were
     * slower than the timeout, after at least 10; probes again after {@link #circuitBreakerWait}
     * with 3 calls). Whatever the configuration, an open breaker closes as soon as the tier's
     * data connection has reconnected.
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
     * Sets how long the default circuit breaker stays open before it lets probe calls through
     * (default 1 s). It matters when Redis hangs with the connection open; after a disconnect the
     * breaker closes when the connection is back, without waiting.
     *
     * @param wait a positive duration up to ten minutes
     * @return this builder
     * @throws NullPointerException if {@code wait} is null
     * @throws IllegalArgumentException if {@code wait} is not positive or over ten minutes
     */
    public Builder circuitBreakerWait(Duration wait) {
      this.breakerWait = requireAtMost(Check.positive(wait, "circuitBreakerWait"), Duration.ofMinutes(10), "circuitBreakerWait");
      return this;
    }

    /**
     * Sets the reconnect backoff of the Lettuce client this tier creates: the first retry after
     * {@code first}, each later one after twice the previous wait, at most {@code max} (default
     * 10 ms, at most 500 ms), so the tier reconnects within {@code max} of Redis answering again.
     * Only for a tier built from a {@link RedisURI}; configure a client of your own through its
     * {@code ClientResources}.
     *
     * @param first the wait before the first retry, positive
     * @param max the longest wait between retries, at least {@code first} and at most one minute
     * @return this builder
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if a duration breaks its rule
     */
    public Builder reconnectDelay(Duration first, Duration max) {
      Check.positive(first, "reconnectDelay first");
      requireAtMost(Check.positive(max, "reconnectDelay max"), Duration.ofMinutes(1), "reconnectDelay max");
      if (max.compareTo(first) < 0) {
        throw new IllegalArgumentException(
            "reconnectDelay max must be at least first, was max " + max + " with first " + first);
      }
      this.reconnectFirst = first;
      this.reconnectMax = max;
      return this;
    }

    /**
     * Sets how long this node may go without hearing its own heartbeat on the invalidation
     * channel (published every third of this) before it treats its subscription as deaf: its
     * caches then clear memory, keep nothing in it and take nothing from Redis (every read goes to
     * the loader), and the health check reports DEGRADED, until the heartbeat is heard again and
     * the caches resynchronise as after a resubscription (default 3 s, or three operation timeouts
     * when that is longer). A node that cannot hear
     * invalidations serves an invalidated value for at most this long.
     *
     * @param timeout at least three times the operation timeout (checked at build) and at most
     *     ten minutes, or zero for no heartbeat (a deaf subscription then goes unnoticed)
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative or over ten minutes
     */
    public Builder heartbeatTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "heartbeatTimeout must not be null");
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("heartbeatTimeout must not be negative, was " + timeout);
      }
      this.heartbeatTimeout = requireAtMost(timeout, Duration.ofMinutes(10), "heartbeatTimeout");
      return this;
    }

    private static Duration requireAtMost(Duration value, Duration limit, String what) {
      if (value.compareTo(limit) > 0) {
        throw new IllegalArgumentException(what + " must be at most " + limit + ", was " + value);
      }
      return value;
    }

    /**
     * Connects and subscribes to the invalidation channel.
     *
     * @return the tier
     * @throws IllegalStateException if {@link #circuitBreakerWait} was set together with {@link
     *     #circuitBreaker}, or {@link #reconnectDelay} for a client of the caller's
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached now (a tier is
     *     fail-open after it started, not before)
     */
    public RedisTier build() {
      if (breakerConfig != null && breakerWait != null) {
        throw new IllegalStateException(
            "circuitBreakerWait (" + breakerWait + ") and circuitBreaker(config) were both set: "
                + "set waitDurationInOpenState in the config instead");
      }
      Duration threeTimeouts = timeout.multipliedBy(3);
      Duration heartbeatTimeout = this.heartbeatTimeout != null ? this.heartbeatTimeout
          : threeTimeouts.compareTo(DEFAULT_HEARTBEAT_TIMEOUT) > 0 ? threeTimeouts : DEFAULT_HEARTBEAT_TIMEOUT;
      if (!heartbeatTimeout.isZero() && heartbeatTimeout.compareTo(threeTimeouts) < 0) {
        throw new IllegalStateException(
            "heartbeatTimeout must be zero or at least 3 x operationTimeout (" + threeTimeouts
                + "), was " + heartbeatTimeout);
      }
      if (client != null && reconnectFirst != null) {
        throw new IllegalStateException(
            "reconnectDelay applies only to a tier built from a RedisURI: set the reconnect delay in "
                + "the ClientResources of the client handed in");
      }
      CircuitBreakerConfig config =
          breakerConfig != null
              ? breakerConfig
              : CircuitBreakerConfig.custom()
                  .slidingWindowSize(20)
                  .minimumNumberOfCalls(10)
                  .failureRateThreshold(50)
                  .slowCallDurationThreshold(timeout)
                  .waitDurationInOpenState(breakerWait != null ? breakerWait : DEFAULT_BREAKER_WAIT)
                  .permittedNumberOfCallsInHalfOpenState(3)
                  .build();
      String effectiveChannel = channel != null ? channel : keyPrefix + ":invalidations";
      String breakerName = "redis-" + keyPrefix;
      if (client != null) {
        return new RedisTier(
            new RedisConnections(
                client, null, keyPrefix, effectiveChannel, timeout, config, breakerName, heartbeatTimeout),
            heartbeatTimeout);
      }
      ClientResources resources =
          DefaultClientResources.builder()
              .reconnectDelay(
                  Delay.exponential(
                      reconnectFirst != null ? reconnectFirst : DEFAULT_RECONNECT_FIRST,
                      reconnectMax != null ? reconnectMax : DEFAULT_RECONNECT_MAX,
                      2,
                      TimeUnit.MILLISECONDS))
              .build();
      RedisClient created = RedisClient.create(resources, uri);
      created.setOptions(
          ClientOptions.builder()
              .timeoutOptions(TimeoutOptions.enabled(timeout))
              // Fail at once while disconnected, instead of queueing until the timeout: reads
              // go to the loader without waiting, and the breaker learns of the outage sooner.
              .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
              .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
              .build());
      try {
        return new RedisTier(
            new RedisConnections(
                created, resources, keyPrefix, effectiveChannel, timeout, config, breakerName, heartbeatTimeout),
            heartbeatTimeout);
      } catch (RuntimeException e) {
        created.shutdown();
        resources.shutdown();
        throw e;
      }
    }
  }
}
