package dev.hotpath.resilience.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watchdog cuts late attempts and never leaves an interrupt behind for a later one. */
class AttemptWatchdogTest {
  private final AttemptWatchdog watchdog = AttemptWatchdog.INSTANCE;

  @Test
  void interruptsAnAttemptPastItsBudget() {
    CountDownLatch never = new CountDownLatch(1);

    assertThatThrownBy(() -> watchdog.run(() -> never.await(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS.toNanos(50)))
        .isInstanceOf(AttemptWatchdog.TimedOut.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void attemptsRacingTheirBudgetNeverLeakAnInterrupt() throws Exception {
    // Budgets so short that the watchdog often fires just as the attempt returns.
    for (int i = 0; i < 20_000; i++) {
      int value = i;
      assertThat(watchdog.run(() -> value, 1_000)).isEqualTo(value);
      assertThat(Thread.interrupted()).as("interrupt left behind after attempt %s", i).isFalse();
    }
  }

  @Test
  void nestedAttemptsEachKeepTheirOwnBudget() throws Exception {
    CountDownLatch never = new CountDownLatch(1);

    String outer = watchdog.run(() -> {
      try {
        watchdog.run(() -> never.await(30, TimeUnit.SECONDS), TimeUnit.MILLISECONDS.toNanos(20));
        return "inner finished";
      } catch (AttemptWatchdog.TimedOut timedOut) {
        return "inner cut";
      }
    }, TimeUnit.SECONDS.toNanos(30));

    assertThat(outer).isEqualTo("inner cut");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }
}
