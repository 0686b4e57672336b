package dev.hotpath.resilience.internal;

import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.resilience.CallRejectedException.Reason;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One {@code callAsync}: the same policies as the synchronous path, with retries and timeouts
 * scheduled instead of slept. A timed-out attempt's future is cancelled and the call goes on
 * without waiting for it.
 *
 * <p>Why not Resilience4j's {@code TimeLimiter}: its timeout is fixed per configuration, while
 * an attempt here gets the smaller of the timeout and what is left of the call's deadline.
 */
final class AsyncCall<V> {
  private final DefaultGuard<?, V> guard;
  private final Supplier<? extends CompletionStage<? extends V>> work;
  private final CompletableFuture<V> result = new CompletableFuture<>();
  private long start;

  AsyncCall(DefaultGuard<?, V> guard, Supplier<? extends CompletionStage<? extends V>> work) {
    this.guard = guard;
    this.work = work;
  }

  CompletableFuture<V> start() {
    start = guard.ticker.read();
    if (guard.bulkhead != null && !guard.bulkhead.tryAcquirePermission()) {
      return CompletableFuture.failedFuture(guard.events.rejected(Reason.BULKHEAD_FULL, null));
    }
    try {
      guard.admit();
    } catch (CallRejectedException rejection) {
      releaseBulkhead();
      return CompletableFuture.failedFuture(rejection);
    }
    result.whenComplete((value, failure) -> finish(failure));
    attempt(1);
    return result;
  }

  private void finish(Throwable failure) {
    releaseBulkhead();
    if (failure == null) {
      long nanos = guard.events.succeeded(start);
      if (guard.breaker != null) {
        guard.breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
      }
    } else {
      long nanos = guard.events.failed(failure, start);
      if (guard.breaker != null) {
        guard.breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
      }
    }
  }

  private void releaseBulkhead() {
    if (guard.bulkhead != null) {
      guard.bulkhead.onComplete();
    }
  }

  private void attempt(int number) {
    long budget;
    try {
      budget = guard.attemptBudget(start);
    } catch (CallRejectedException noTimeLeft) {
      result.completeExceptionally(noTimeLeft);
      return;
    }
    CompletableFuture<? extends V> stage;
    try {
      stage = work.get().toCompletableFuture();
    } catch (RuntimeException failure) {
      failed(number, failure);
      return;
    }
    AtomicBoolean settled = new AtomicBoolean();
    ScheduledFuture<?> timer = budget == Long.MAX_VALUE ? null : guard.scheduler.schedule(() -> {
      if (settled.compareAndSet(false, true)) {
        stage.cancel(true);
        failed(number, guard.events.rejected(Reason.TIMEOUT, null));
      }
    }, budget, TimeUnit.NANOSECONDS);
    stage.whenComplete((value, thrown) -> {
      if (!settled.compareAndSet(false, true)) {
        return;
      }
      if (timer != null) {
        timer.cancel(false);
      }
      if (thrown == null) {
        result.complete(value);
      } else {
        failed(number, DefaultGuard.unwrap(thrown));
      }
    });
  }

  private void failed(int number, Throwable failure) {
    long delay = guard.retryPlan.nextDelayNanos(number, failure, guard.remaining(start));
    if (delay == RetryPlan.GIVE_UP) {
      result.completeExceptionally(failure);
    } else if (delay == RetryPlan.PAST_DEADLINE) {
      result.completeExceptionally(guard.events.rejected(Reason.DEADLINE_EXCEEDED, failure));
    } else {
      guard.events.retrying(number, delay, failure);
      guard.scheduler.schedule(() -> attempt(number + 1), delay, TimeUnit.NANOSECONDS);
    }
  }
}
