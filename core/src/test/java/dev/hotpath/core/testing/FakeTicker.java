package dev.hotpath.core.testing;

import dev.hotpath.core.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link Ticker} that moves only when a test advances it, so time is never slept through. */
public final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong();

  @Override
  public long read() {
    return nanos.get();
  }

  /**
   * Moves time forward.
   *
   * @param duration how far; must not be negative
   * @return this ticker
   */
  public FakeTicker advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a ticker cannot go backwards, was asked to advance by " + duration);
    }
    nanos.addAndGet(duration.toNanos());
    return this;
  }
}
