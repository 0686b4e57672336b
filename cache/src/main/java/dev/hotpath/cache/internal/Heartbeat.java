package dev.hotpath.cache.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells a deaf subscription from a quiet one: every third of the timeout this tier publishes a
 * heartbeat of its own on the invalidation channel, through the data connection, and expects to
 * hear it on the subscription. When it has heard none for the timeout (the subscription stalled
 * with its socket open, was disconnected, or Redis does not answer), invalidations may be going
 * unheard: every cache stops trusting its memory until a heartbeat arrives again, and then
 * resynchronises as after a resubscription.
 */
final class Heartbeat implements AutoCloseable {
  /** Not a namespace (those never start with '!'), so no cache mistakes it for a raise. */
  static final String PREFIX = "!heartbeat\n";

  private final RedisConnections redis;
  private final String message = PREFIX + UUID.randomUUID();
  private final byte[] channel;
  private final byte[] payload = message.getBytes(StandardCharsets.UTF_8);
  private final long timeoutNanos;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean deaf = new AtomicBoolean();
  private volatile long lastHeard = System.nanoTime();

  Heartbeat(RedisConnections redis, String channel, Duration timeout, String threadName) {
    this.redis = redis;
    this.channel = channel.getBytes(StandardCharsets.UTF_8);
    this.timeoutNanos = timeout.toNanos();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            work -> {
              Thread thread = new Thread(work, threadName);
              thread.setDaemon(true);
              return thread;
            });
    long interval = Math.max(1, timeoutNanos / 3);
    scheduler.scheduleAtFixedRate(this::beat, 0, interval, TimeUnit.NANOSECONDS);
  }

  private void beat() {
    // A failed publish is the breaker's business; the missing echo is this class's. A publish
    // that succeeds tells the caches Redis answers, even when they make no calls of their own.
    redis.call(commands -> commands.publish(channel, payload))
        .thenRun(() -> redis.eachListener(InvalidationListener::onRedisAnswered));
    if (System.nanoTime() - lastHeard > timeoutNanos && deaf.compareAndSet(false, true)) {
      redis.eachListener(InvalidationListener::onDeaf);
    }
  }

  /**
   * Called on Lettuce's event loop for each message starting with {@link #PREFIX}: notes this
   * tier's own heartbeat and, when it had gone deaf, hands the resynchronisation to its thread.
   */
  void heard(String heartbeat) {
    if (!message.equals(heartbeat)) {
      return; // another node's
    }
    lastHeard = System.nanoTime();
    if (deaf.compareAndSet(true, false)) {
      scheduler.execute(() -> redis.eachListener(InvalidationListener::onHeardAgain));
    }
  }

  boolean isDeaf() {
    return deaf.get();
  }

  /** How long ago this tier last heard its own heartbeat. */
  Duration sinceHeard() {
    return Duration.ofNanos(System.nanoTime() - lastHeard);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
