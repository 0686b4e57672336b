package dev.hotpath.metrics.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Rotates a {@link SlidingWindowHistogram} that runs on the system clock at each of its slice ends,
 * so that its writers never read the clock themselves.
 *
 * <p>Each histogram has at most one pending task on the JDK's shared delay scheduler (the daemon
 * thread behind {@link CompletableFuture#delayedExecutor}); hotpath starts no thread of its own,
 * so nothing keeps a web application's class loader alive after it is undeployed. The task runs
 * inline on that thread: a rotation only tries the histogram's lock, never waits for it, and
 * moves one interval histogram, a few microseconds. The task holds the histogram weakly: a
 * histogram nobody references any more is collected, and its rotations stop at the next slice end.
 */
final class SliceRotation implements Runnable {
  private final WeakReference<SlidingWindowHistogram> target;

  private SliceRotation(SlidingWindowHistogram histogram) {
    this.target = new WeakReference<>(histogram);
  }

  /**
   * Starts rotating {@code histogram} at each of its slice ends, for as long as it is referenced.
   *
   * @param histogram a histogram on the system ticker
   */
  static void start(SlidingWindowHistogram histogram) {
    new SliceRotation(histogram).scheduleAfter(histogram.nanosToSliceEnd());
  }

  @Override
  public void run() {
    SlidingWindowHistogram histogram = target.get();
    if (histogram == null) {
      return;
    }
    try {
      histogram.rotateOnSchedule();
    } finally {
      scheduleAfter(histogram.nanosToSliceEnd());
    }
  }

  private void scheduleAfter(long nanos) {
    // The scheduler runs a task no earlier than asked, so a rotation never lands before the
    // slice end it was meant for; at worst it lands late and a reader's collection does it.
    CompletableFuture.delayedExecutor(Math.max(0, nanos), TimeUnit.NANOSECONDS, Runnable::run)
        .execute(this);
  }
}
