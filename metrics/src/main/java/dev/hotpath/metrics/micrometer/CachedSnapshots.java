package dev.hotpath.metrics.micrometer;

import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencySnapshot;

/**
 * One recorder's snapshots, reused for a short time: a scrape reads a dozen meters of each name,
 * and computing percentiles once per scrape instead of once per meter keeps large registries
 * cheap to scrape.
 */
final class CachedSnapshots {
  private final LatencyRecorder recorder;
  private final Ticker ticker;
  private final long ttlNanos;
  private LatencySnapshot window = LatencySnapshot.EMPTY;
  private LatencySnapshot allTime = LatencySnapshot.EMPTY;
  private long takenAt;
  private boolean taken;

  CachedSnapshots(LatencyRecorder recorder, Ticker ticker, long ttlNanos) {
    this.recorder = recorder;
    this.ticker = ticker;
    this.ttlNanos = ttlNanos;
  }

  synchronized LatencySnapshot window() {
    refreshIfStale();
    return window;
  }

  synchronized LatencySnapshot allTime() {
    refreshIfStale();
    return allTime;
  }

  long clampedCount() {
    return recorder.clampedCount();
  }

  private void refreshIfStale() {
    long now = ticker.read();
    if (!taken || now - takenAt >= ttlNanos) {
      window = recorder.snapshot();
      allTime = recorder.allTime();
      takenAt = now;
      taken = true;
    }
  }
}
