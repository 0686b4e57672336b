package dev.hotpath.pool;

import dev.hotpath.core.Check;
import dev.hotpath.metrics.LatencySnapshot;

/**
 * A HikariCP pool's connection counts at one moment, with the recent connection wait times.
 *
 * @param active connections in use
 * @param idle connections waiting in the pool
 * @param pending threads waiting for a connection
 * @param total all connections, active and idle
 * @param acquire how long obtaining connections took over the metrics window (nanoseconds)
 */
public record PoolStats(int active, int idle, int pending, int total, LatencySnapshot acquire) {

  /**
   * Validates the components.
   *
   * @param active connections in use
   * @param idle connections waiting in the pool
   * @param pending threads waiting for a connection
   * @param total all connections, active and idle
   * @param acquire how long obtaining connections took over the metrics window (nanoseconds)
   * @throws NullPointerException if {@code acquire} is null
   */
  public PoolStats {
    Check.notNull(acquire, "acquire");
  }
}
