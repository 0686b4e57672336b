package dev.hotpath.resilience.internal;

import dev.hotpath.core.Listeners;
import dev.hotpath.core.Ticker;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.resilience.CallRejectedException.Reason;
import dev.hotpath.resilience.GuardEvent;
import dev.hotpath.resilience.GuardEvent.Kind;
import dev.hotpath.resilience.GuardListener;
import dev.hotpath.resilience.GuardStats;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counts a guard's outcomes, records their latency and tells the listeners. */
final class GuardEvents {
  private static final Reason[] REASONS = Reason.values();

  private final String guard;
  private final Listeners<GuardListener> listeners;
  private final LatencyRecorder latency;
  private final Ticker ticker;
  /** True when the recorder's clock is the guard's, so one clock read times and records a call. */
  private final boolean sharedClock;
  private final LongAdder calls = new LongAdder();
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final LongAdder fallbacks = new LongAdder();
  private final LongAdder[] rejections = new LongAdder[REASONS.length];

  GuardEvents(String guard, List<GuardListener> listeners, LatencyRecorder latency, Ticker ticker) {
    this.guard = guard;
    this.listeners = Listeners.of("guard '" + guard + "'", listeners);
    this.latency = latency;
    this.ticker = ticker;
    this.sharedClock = latency.ticker() == ticker;
    for (int i = 0; i < rejections.length; i++) {
      rejections[i] = new LongAdder();
    }
  }

  void started() {
    calls.increment();
  }

  /** Records a call that started at the guard ticker's {@code start}; returns its latency. */
  long succeeded(long start) {
    successes.increment();
    long nanos = recordSince(start);
    tell(Kind.SUCCEEDED, nanos, null, 0, 0);
    return nanos;
  }

  /** Records a failed call that started at the guard ticker's {@code start}; returns its latency. */
  long failed(Throwable failure, long start) {
    failures.increment();
    long nanos = recordSince(start);
    tell(Kind.FAILED, nanos, failure, 0, 0);
    return nanos;
  }

  private long recordSince(long start) {
    if (sharedClock) {
      return latency.recordSince(start);
    }
    long nanos = ticker.read() - start;
    latency.record(nanos);
    return nanos;
  }

  /** Counts and announces a rejection, and returns it for the caller to throw. */
  CallRejectedException rejected(Reason reason, Throwable cause) {
    CallRejectedException rejection = new CallRejectedException(guard, reason, cause);
    rejections[reason.ordinal()].increment();
    tell(Kind.REJECTED, 0, rejection, 0, 0);
    return rejection;
  }

  void retrying(int attempt, long delayNanos, Throwable failure) {
    retries.increment();
    tell(Kind.RETRYING, 0, failure, attempt, delayNanos);
  }

  void fallingBack(Throwable failure) {
    fallbacks.increment();
    tell(Kind.FALLING_BACK, 0, failure, 0, 0);
  }

  /** Builds the event only when someone listens: the success path allocates nothing otherwise. */
  private void tell(Kind kind, long nanos, Throwable failure, int attempt, long delayNanos) {
    if (!listeners.isEmpty()) {
      listeners.notify(new GuardEvent(guard, kind, nanos, failure, attempt, delayNanos), GuardListener::onEvent);
    }
  }

  GuardStats stats(CircuitBreaker.State circuitState) {
    Map<Reason, Long> byReason = new EnumMap<>(Reason.class);
    for (Reason reason : REASONS) {
      byReason.put(reason, rejections[reason.ordinal()].sum());
    }
    return new GuardStats(calls.sum(), successes.sum(), failures.sum(), byReason, retries.sum(),
        fallbacks.sum(), circuitState, listeners.failures());
  }
}
