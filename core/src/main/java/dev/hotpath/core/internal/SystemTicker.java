package dev.hotpath.core.internal;

import dev.hotpath.core.Ticker;

/** {@link Ticker} over {@link System#nanoTime()}; an enum so there is exactly one. */
public enum SystemTicker implements Ticker {
  /** The only instance. */
  INSTANCE;

  @Override
  public long read() {
    return System.nanoTime();
  }
}
