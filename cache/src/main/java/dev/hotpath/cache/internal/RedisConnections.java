package dev.hotpath.cache.internal;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Redis side of a {@code RedisTier}: one data connection and one pub/sub connection shared by
 * the caches on it, every command bounded by a timeout and guarded by one circuit breaker, and the
 * invalidation channel dispatched to the cache of each namespace.
 */
public final class RedisConnections implements AutoCloseable {
  private final AbstractRedisClient client;
  /** The resources of a client this tier created (and shuts down), or null for the caller's client. */
  private final ClientResources ownedResources;
  private final String keyPrefix;
  private final String channel;
  private final long timeoutNanos;
  private final CircuitBreaker breaker;
  private final StatefulConnection<byte[], byte[]> data;
  private final RedisClusterAsyncCommands<byte[], byte[]> commands;
  private final StatefulRedisPubSubConnection<String, String> pubSub;
  private final ConcurrentHashMap<String, InvalidationListener> listeners = new ConcurrentHashMap<>();
  /** Null when the heartbeat is off. */
  private final Heartbeat heartbeat;

  /**
   * Connects both connections and subscribes to the channel.
   *
   * @param client a {@link RedisClient} or {@link RedisClusterClient}
   * @param ownedResources when the tier created the client: its resources, which {@link #close()}
   *     shuts down with the client; null for a client of the caller's
   * @param keyPrefix the first part of every Redis key
   * @param channel the invalidation channel
   * @param timeout the bound of every command
   * @param breakerConfig the circuit breaker's settings
   * @param breakerName the circuit breaker's name
   * @param heartbeatTimeout how long without hearing its own heartbeat the subscription counts as
   *     deaf; zero for no heartbeat
   */
  public RedisConnections(
      AbstractRedisClient client,
      ClientResources ownedResources,
      String keyPrefix,
      String channel,
      Duration timeout,
      CircuitBreakerConfig breakerConfig,
      String breakerName,
      Duration heartbeatTimeout) {
    this.client = client;
    this.ownedResources = ownedResources;
    this.keyPrefix = keyPrefix;
    this.channel = channel;
    this.timeoutNanos = timeout.toNanos();
    this.breaker = CircuitBreaker.of(breakerName, breakerConfig);
    if (client instanceof RedisClusterClient cluster) {
      var connection = cluster.connect(ByteArrayCodec.INSTANCE);
      // Lettuce opens a node's connection on its first command, which then takes a connect and
      // handshake (often more than the operation timeout): open the masters' connections now.
      for (RedisClusterNode node : cluster.getPartitions()) {
        if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
          connection.getConnection(node.getNodeId());
        }
      }
      this.data = connection;
      this.commands = connection.async();
      this.pubSub = cluster.connectPubSub(StringCodec.UTF8);
    } else {
      RedisClient standalone = (RedisClient) client;
      var connection = standalone.connect(ByteArrayCodec.INSTANCE);
      this.data = connection;
      this.commands = connection.async();
      this.pubSub = standalone.connectPubSub(StringCodec.UTF8);
    }
    pubSub.addListener(new Dispatcher());
    pubSub.sync().subscribe(channel);
    client.addListener(reconnected);
    this.heartbeat =
        heartbeatTimeout.isZero() ? null : new Heartbeat(this, channel, heartbeatTimeout, "hotpath-heartbeat-" + keyPrefix);
  }

  /**
   * Redis answers again once the data connection is back: close a breaker the outage opened at
   * once, rather than after its open-state wait (a forced state is the operator's and stays).
   */
  private final RedisConnectionStateListener reconnected =
      new RedisConnectionStateListener() {
        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
          CircuitBreaker.State state = breaker.getState();
          if (connection == data && (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN)) {
            breaker.transitionToClosedState();
          }
        }
      };

  String keyPrefix() {
    return keyPrefix;
  }

  String channel() {
    return channel;
  }

  /**
   * Returns the circuit breaker guarding every command.
   *
   * @return the breaker
   */
  public CircuitBreaker breaker() {
    return breaker;
  }

  /**
   * Whether the invalidation subscription's connection is open right now.
   *
   * @return true when invalidations can arrive
   */
  public boolean isListening() {
    return pubSub.isOpen();
  }

  /**
   * Whether this tier has not heard its own heartbeat on the invalidation channel for the
   * heartbeat timeout (so the caches on it do not trust their memory).
   *
   * @return true while deaf; always false without a heartbeat
   */
  public boolean isDeaf() {
    return heartbeat != null && heartbeat.isDeaf();
  }

  /**
   * How long ago this tier last heard its own heartbeat.
   *
   * @return the time since, or null without a heartbeat
   */
  public Duration sinceHeartbeatHeard() {
    return heartbeat == null ? null : heartbeat.sinceHeard();
  }

  void eachListener(java.util.function.Consumer<InvalidationListener> action) {
    listeners.values().forEach(action);
  }

  /**
   * Runs one command under the breaker and the timeout. Never throws: the future fails instead,
   * with {@code CallNotPermittedException} while the breaker is open.
   */
  <T> CompletableFuture<T> call(Function<RedisClusterAsyncCommands<byte[], byte[]>, RedisFuture<T>> command) {
    if (!breaker.tryAcquirePermission()) {
      return CompletableFuture.failedFuture(
          io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(breaker));
    }
    long start = System.nanoTime();
    CompletableFuture<T> result;
    try {
      result = command.apply(commands).toCompletableFuture().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (RuntimeException e) {
      breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
      return CompletableFuture.failedFuture(e);
    }
    return result.whenComplete(
        (value, failure) -> {
          long took = System.nanoTime() - start;
          if (failure == null) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
          } else {
            breaker.onError(took, TimeUnit.NANOSECONDS, failure);
          }
        });
  }

  void register(String namespace, InvalidationListener listener) {
    if (listeners.putIfAbsent(namespace, listener) != null) {
      throw new IllegalStateException("this RedisTier already has a cache with namespace '" + namespace + "'");
    }
  }

  void unregister(String namespace, InvalidationListener listener) {
    listeners.remove(namespace, listener);
  }

  @Override
  public void close() {
    if (heartbeat != null) {
      heartbeat.close();
    }
    client.removeListener(reconnected);
    pubSub.close();
    data.close();
    if (ownedResources != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      ownedResources.shutdown(0, 2, TimeUnit.SECONDS);
    }
  }

  /** Runs on Lettuce's event loop: parses and hands over, never blocks. */
  private final class Dispatcher extends RedisPubSubAdapter<String, String> {
    @Override
    public void message(String from, String message) {
      if (message.startsWith(Heartbeat.PREFIX)) {
        if (heartbeat != null && channel.equals(from)) {
          heartbeat.heard(message);
        }
        return;
      }
      int first = message.indexOf('\n');
      int second = message.indexOf('\n', first + 1);
      if (!channel.equals(from) || first < 0 || second < 0) {
        return;
      }
      InvalidationListener listener = listeners.get(message.substring(0, first));
      if (listener == null) {
        return;
      }
      try {
        listener.onRaise(
            Integer.parseInt(message, first + 1, second, 10),
            Long.parseLong(message, second + 1, message.length(), 10));
      } catch (NumberFormatException damaged) {
        listener.onDamagedMessage();
      }
    }

    @Override
    public void subscribed(String to, long count) {
      if (channel.equals(to)) {
        listeners.values().forEach(InvalidationListener::onSubscribed);
      }
    }
  }
}
