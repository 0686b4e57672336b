package dev.hotpath.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.Ticker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * On the system ticker writers never read the clock, so the slice a value lands in depends on the
 * scheduled rotation having run at the slice end. Without it, a value recorded before the end and
 * one recorded after would land in the same slice when the next read collects them.
 */
class SliceRotationTest {
  private static final long SLICE_NANOS = Duration.ofSeconds(1).toNanos();

  @Test
  void scheduledRotationSeparatesValuesOnEitherSideOfASliceEndWithoutAnyReader() {
    SlidingWindowHistogram histogram =
        new SlidingWindowHistogram(Ticker.system(), SLICE_NANOS, 4, 3_600_000_000_000L, 2);
    long firstSliceEnd = System.nanoTime() + histogram.nanosToSliceEnd();

    histogram.record(100);
    // Only the scheduler can move the slice end: nothing reads or records until it has.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> System.nanoTime() > firstSliceEnd && histogram.nanosToSliceEnd() > 0);
    histogram.record(200);

    assertThat(histogram.window(1).count()).as("the newest slice").isEqualTo(1);
    assertThat(histogram.window(1).max()).isEqualTo(200);
    assertThat(histogram.window(2).count()).as("both slices").isEqualTo(2);
  }

  @Test
  void aHandDrivenTickerIsNotScheduledItsWritersRotate() {
    long[] now = {0};
    SlidingWindowHistogram histogram =
        new SlidingWindowHistogram(() -> now[0], SLICE_NANOS, 4, 3_600_000_000_000L, 2);
    histogram.record(100);
    now[0] += SLICE_NANOS;
    assertThat(histogram.nanosToSliceEnd()).as("nothing rotated behind the ticker's back").isZero();
    histogram.record(200); // (values below 256 are exact at 2 digits) the writer sees the ended slice and rotates first

    assertThat(histogram.window(1).max()).isEqualTo(200);
    assertThat(histogram.window(1).count()).isEqualTo(1);
    assertThat(histogram.window(2).count()).isEqualTo(2);
  }
}
