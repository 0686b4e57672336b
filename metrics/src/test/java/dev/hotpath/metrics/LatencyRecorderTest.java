package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.hotpath.core.testing.FakeTicker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyRecorderTest {
  private final FakeTicker ticker = new FakeTicker();
  private final LatencyRecorder recorder =
      LatencyRecorder.builder().window(Duration.ofSeconds(60), 6).ticker(ticker).build();

  @Test
  void emptyRecorderSnapshotsAreEmpty() {
    assertThat(recorder.snapshot()).isEqualTo(LatencySnapshot.EMPTY);
    assertThat(recorder.allTime()).isEqualTo(LatencySnapshot.EMPTY);
  }

  @Test
  void snapshotReportsPercentilesWithinOnePercent() {
    for (long millis = 1; millis <= 1000; millis++) {
      recorder.record(TimeUnit.MILLISECONDS.toNanos(millis));
    }
    LatencySnapshot snapshot = recorder.snapshot();
    assertThat(snapshot.count()).isEqualTo(1000);
    assertThat(snapshot.mean()).isCloseTo(500.5e6, within(5e6));
    assertThat(snapshot.p50()).isCloseTo(500_000_000L, within(5_000_000L));
    assertThat(snapshot.p90()).isCloseTo(900_000_000L, within(9_000_000L));
    assertThat(snapshot.p95()).isCloseTo(950_000_000L, within(9_500_000L));
    assertThat(snapshot.p99()).isCloseTo(990_000_000L, within(9_900_000L));
    assertThat(snapshot.p999()).isCloseTo(999_000_000L, within(9_990_000L));
    assertThat(snapshot.max()).isCloseTo(1_000_000_000L, within(10_000_000L));
  }

  @Test
  void valuesLeaveTheWindowAfterItPassesButStayInAllTime() {
    recorder.record(1_000);
    ticker.advance(Duration.ofSeconds(50));
    recorder.record(2_000);
    assertThat(recorder.snapshot().count()).isEqualTo(2);

    ticker.advance(Duration.ofSeconds(10)); // the first slice [0, 10s) has now fallen out
    assertOnlyValueInWindowIs(2_000);

    ticker.advance(Duration.ofSeconds(60));
    assertThat(recorder.snapshot()).isEqualTo(LatencySnapshot.EMPTY);
    assertThat(recorder.allTime().count()).isEqualTo(2);
  }

  @Test
  void valueRecordedJustBeforeReadAfterLongIdleIsStillInTheWindow() {
    recorder.record(1_000);
    ticker.advance(Duration.ofMinutes(10));
    recorder.record(5_000); // the writer notices the ended slices before recording
    assertOnlyValueInWindowIs(5_000);
  }

  private void assertOnlyValueInWindowIs(long nanos) {
    LatencySnapshot snapshot = recorder.snapshot();
    assertThat(snapshot.count()).isEqualTo(1);
    assertThat(snapshot.max()).isCloseTo(nanos, within(nanos / 100));
  }

  @Test
  void snapshotOfTheLastPartCoversOnlyTheNewestSlices() {
    recorder.record(1_000);
    ticker.advance(Duration.ofSeconds(30));
    recorder.record(2_000);
    assertThat(recorder.snapshot(Duration.ofSeconds(10)).count()).isEqualTo(1);
    assertThat(recorder.snapshot(Duration.ofSeconds(31)).count()).isEqualTo(2);
    assertThat(recorder.snapshot(Duration.ofHours(1)).count()).isEqualTo(2);
  }

  @Test
  void valuesAboveHighestTrackableAreClampedAndCounted() {
    LatencyRecorder small =
        LatencyRecorder.builder().highestTrackable(Duration.ofSeconds(1)).ticker(ticker).build();
    small.record(Duration.ofHours(5).toNanos());
    small.record(Long.MAX_VALUE);
    small.record(500);
    assertThat(small.clampedCount()).isEqualTo(2);
    LatencySnapshot snapshot = small.snapshot();
    assertThat(snapshot.count()).isEqualTo(3);
    assertThat(snapshot.max()).isCloseTo(1_000_000_000L, within(10_000_000L));
  }

  @Test
  void recordSinceRecordsTheTicksElapsedAndRotatesByTheSameReading() {
    recorder.record(1_000);
    long start = recorder.ticker().read();
    ticker.advance(Duration.ofSeconds(70)); // a 70 s call: the window that held 1_000 has passed
    assertThat(recorder.recordSince(start)).isEqualTo(Duration.ofSeconds(70).toNanos());
    LatencySnapshot snapshot = recorder.snapshot();
    assertThat(snapshot.count()).isEqualTo(1);
    assertThat(snapshot.max()).isCloseTo(70_000_000_000L, within(700_000_000L));
  }

  @Test
  void negativeValuesAreRecordedAsZeroAndCounted() {
    recorder.record(-5);
    recorder.record(Long.MIN_VALUE);
    assertThat(recorder.negativeCount()).isEqualTo(2);
    assertThat(recorder.snapshot().count()).isEqualTo(2);
    assertThat(recorder.snapshot().max()).isZero();
  }

  @Test
  void concurrentRecordingLosesNoCounts() throws Exception {
    int threads = 4;
    int perThread = 50_000;
    StartedTogether.run(threads, thread -> {
      for (int i = 0; i < perThread; i++) {
        recorder.record(i);
        if (i % 10_000 == 0) {
          recorder.snapshot(); // readers collecting while writers write must lose nothing
        }
      }
    }, Thread::onSpinWait);
    assertThat(recorder.snapshot().count()).isEqualTo((long) threads * perThread);
    assertThat(recorder.allTime().count()).isEqualTo((long) threads * perThread);
  }

  @Test
  void rotatingWhileOthersRecordLosesNoCounts() throws Exception {
    int writers = 3;
    int perWriter = 30_000;
    StartedTogether.run(writers, thread -> {
      for (int i = 0; i < perWriter; i++) {
        recorder.record(1_000);
      }
    }, () -> {
      ticker.advance(Duration.ofSeconds(3)); // slices end while writers write
      recorder.snapshot();
    });
    assertThat(recorder.allTime().count()).isEqualTo((long) writers * perWriter);
  }

  @Test
  void defaultsAreSixtySecondsAndOneHour() {
    LatencyRecorder defaults = LatencyRecorder.create();
    assertThat(defaults.window()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.highestTrackable()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void badConfigurationIsRejectedNamingValueAndRule() {
    LatencyRecorder.Builder builder = LatencyRecorder.builder();
    assertThatThrownBy(() -> builder.window(Duration.ZERO, 6))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window must be positive, was PT0S");
    assertThatThrownBy(() -> builder.window(Duration.ofSeconds(-1), 6))
        .hasMessage("window must be positive, was PT-1S");
    assertThatThrownBy(() -> builder.window(Duration.ofSeconds(60), 0))
        .hasMessage("slices must be between 1 and 1000, was 0");
    assertThatThrownBy(() -> builder.window(Duration.ofMillis(5), 10))
        .hasMessageContaining("at least 1ms")
        .hasMessageContaining("PT0.005S in 10 slices");
    assertThatThrownBy(() -> builder.window(null, 6))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("window must not be null");
    assertThatThrownBy(() -> builder.highestTrackable(Duration.ofNanos(10)))
        .hasMessage("highestTrackable must be at least PT0.000001S, was PT0.00000001S");
    assertThatThrownBy(() -> builder.highestTrackable(Duration.ofDays(365 * 1000)))
        .hasMessageContaining("must fit in a long of nanoseconds");
    assertThatThrownBy(() -> builder.significantDigits(4))
        .hasMessage("significantDigits must be between 1 and 3, was 4");
    assertThatThrownBy(() -> builder.ticker(null)).hasMessage("ticker must not be null");
    assertThatThrownBy(() -> recorder.snapshot(Duration.ZERO))
        .hasMessage("last must be positive, was PT0S");
  }
}
