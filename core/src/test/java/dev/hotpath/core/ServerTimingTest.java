package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ServerTimingTest {
  private static final ServerTiming.Metric DB = ServerTiming.Metric.counted("db", "query", "queries");

  @Test
  void accumulatingTwoHundredTimesGivesOneEntryWithTheSumAndCount() {
    ServerTiming timing = new ServerTiming();
    for (int i = 0; i < 200; i++) {
      assertThat(timing.accumulate(DB, 1_500)).isTrue();
    }

    assertThat(timing.entries()).containsExactly(
        new ServerTiming.Entry("db", Duration.ofNanos(300_000), 200, "200 queries"));
    assertThat(timing.headerValue(40_100_000))
        .isEqualTo("total;dur=40.100, db;dur=0.300;desc=\"200 queries\"");
  }

  @Test
  void aCountOfOneUsesTheSingularLabelAndATimedMetricHasNoDescription() {
    ServerTiming timing = new ServerTiming();
    timing.accumulate(DB, 4_000_000);
    timing.accumulate(ServerTiming.Metric.timed("render"), 2_000_000);
    timing.accumulate(ServerTiming.Metric.timed("render"), 1_000_000);

    assertThat(timing.headerValue(9_000_000))
        .isEqualTo("total;dur=9.000, db;dur=4.000;desc=\"1 query\", render;dur=3.000");
  }

  @Test
  void addedEntriesKeepTheirOwnLineAndTheOrderOfFirstUse() {
    ServerTiming timing = new ServerTiming();
    timing.add("auth", Duration.ofMillis(1), null);
    timing.accumulate(DB, 2_000_000);
    timing.add("db", Duration.ofMillis(5), "replica");
    timing.accumulate(DB, 3_000_000);

    assertThat(timing.headerValue(12_345_678)).isEqualTo("total;dur=12.345, auth;dur=1.000, "
        + "db;dur=5.000;desc=\"2 queries\", db;dur=5.000;desc=\"replica\"");
    assertThat(timing.entries()).extracting(ServerTiming.Entry::count).containsExactly(1L, 2L, 1L);
  }

  @Test
  @Timeout(30)
  void threadsRacingOnANewMetricShareOneEntryAndLoseNoCall() throws Exception {
    int threads = 4;
    int calls = 10_000;
    ServerTiming timing = new ServerTiming();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < calls; i++) {
            timing.accumulate(ServerTiming.Metric.timed("db"), 1);
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(timing.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.count()).isEqualTo((long) threads * calls);
      assertThat(entry.duration()).isEqualTo(Duration.ofNanos((long) threads * calls));
    });
  }

  @Test
  void entriesAreBoundedButAnExistingMetricStillAccumulatesWhenFull() {
    ServerTiming timing = new ServerTiming();
    timing.accumulate(DB, 1);
    for (int i = 1; i < ServerTiming.MAX_ENTRIES; i++) {
      assertThat(timing.add("e" + i, Duration.ZERO, null)).isTrue();
    }

    assertThat(timing.add("one-too-many", Duration.ZERO, null)).isFalse();
    assertThat(timing.accumulate(ServerTiming.Metric.timed("new-metric"), 1)).isFalse();
    assertThat(timing.accumulate(DB, 1)).isTrue();
    assertThat(timing.entries()).hasSize(ServerTiming.MAX_ENTRIES);
    assertThat(timing.entries().get(0).count()).isEqualTo(2);
    assertThat(timing.headerValue(0)).doesNotContain("one-too-many").doesNotContain("new-metric");
  }

  @Test
  void hostileDescriptionsCannotBreakOutOfTheQuotedString() {
    ServerTiming timing = new ServerTiming();
    timing.add("x", Duration.ZERO, "a\"b\\c\r\nSet-Cookie: s=1\u0000\u007f\u00e9\u2028\t;d");

    assertThat(timing.headerValue(0))
        .isEqualTo("total;dur=0.000, x;dur=0.000;desc=\"a\\\"b\\\\cSet-Cookie: s=1;d\"");
  }

  @Test
  void longDescriptionsAreCut() {
    ServerTiming timing = new ServerTiming();
    timing.add("x", Duration.ZERO, "y".repeat(10_000));

    assertThat(timing.headerValue(0))
        .isEqualTo("total;dur=0.000, x;dur=0.000;desc=\""
            + "y".repeat(ServerTiming.MAX_DESCRIPTION_LENGTH) + "\"");
  }

  @Test
  void badInputIsRefusedWithTheRuleAndTheHotPathNeverThrows() {
    ServerTiming timing = new ServerTiming();
    assertThatThrownBy(() -> timing.add("db time", Duration.ZERO, null))
        .hasMessage("Server-Timing name must be an HTTP token, was db time");
    assertThatThrownBy(() -> timing.add("", Duration.ZERO, null))
        .hasMessage("Server-Timing name must be an HTTP token, was ");
    assertThatThrownBy(() -> timing.add("db", Duration.ofMillis(-1), null))
        .hasMessage("Server-Timing duration must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> timing.add("db", null, null))
        .hasMessage("Server-Timing duration must not be negative, was null");
    assertThatThrownBy(() -> ServerTiming.Metric.timed("d\"b"))
        .hasMessage("Server-Timing name must be an HTTP token, was d\"b");
    assertThatThrownBy(() -> ServerTiming.Metric.counted("db", " ", "queries"))
        .hasMessage("Server-Timing count label 'one' must not be blank, was  ");
    assertThatThrownBy(() -> ServerTiming.Metric.counted("db", "query", null))
        .hasMessage("Server-Timing count label 'many' must not be blank, was null");
    assertThatThrownBy(() -> ServerTiming.of(null)).hasMessage("unit must not be null");

    assertThat(timing.accumulate(null, 5)).isFalse();
    assertThat(timing.accumulate(DB, -5)).isTrue();
    assertThat(timing.entries()).singleElement()
        .satisfies(entry -> assertThat(entry.duration()).isZero());
  }

  @Test
  void accumulateCurrentAddsToTheRootOfTheCurrentUnitOnAnyThread() throws Exception {
    assertThat(ServerTiming.current()).isEmpty();
    assertThat(ServerTiming.accumulateCurrent(DB, 1)).isFalse();

    ServerTiming timing = new ServerTiming();
    try (UnitOfWork request = UnitOfWork.begin("GET /photos")) {
      assertThat(ServerTiming.accumulateCurrent(DB, 1)).as("no attachment yet").isFalse();
      request.attach(ServerTiming.KEY, timing);
      try (UnitOfWork inner = UnitOfWork.begin("load photos")) {
        assertThat(ServerTiming.accumulateCurrent(DB, 1_000)).isTrue();
        assertThat(ServerTiming.of(inner)).containsSame(timing);
        Runnable addFromHelper = () -> ServerTiming.accumulateCurrent(DB, 2_000);
        Thread helper = new Thread(UnitOfWork.wrap(addFromHelper));
        helper.start();
        helper.join();
      }
      assertThat(ServerTiming.current()).containsSame(timing);
    }

    assertThat(timing.entries()).containsExactly(
        new ServerTiming.Entry("db", Duration.ofNanos(3_000), 2, "2 queries"));
    assertThat(ServerTiming.current()).isEmpty();
  }
}
