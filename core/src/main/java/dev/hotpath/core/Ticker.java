package dev.hotpath.core;

import dev.hotpath.core.internal.SystemTicker;

/**
 * A source of monotonic nanosecond time, the clock every hotpath block measures with.
 *
 * <p>Production code uses {@link #system()}; tests substitute a ticker they advance by hand so
 * that time-dependent behaviour (windows, timeouts, cache expiry) is tested without sleeping.
 * Values are only meaningful as differences between two reads of the same ticker.
 */
@FunctionalInterface
public interface Ticker {

  /**
   * Returns the current reading of this ticker in nanoseconds.
   *
   * <p>Implementations must be thread-safe and must never go backwards.
   *
   * @return a monotonic nanosecond reading with an arbitrary origin
   */
  long read();

  /**
   * Returns the ticker backed by {@link System#nanoTime()}.
   *
   * @return the shared system ticker
   */
  static Ticker system() {
    return SystemTicker.INSTANCE;
  }
}
