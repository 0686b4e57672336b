package dev.hotpath.resilience.internal;

import dev.hotpath.resilience.RetryAfterAware;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Decides whether and when a failed attempt is retried: exponential backoff with full jitter,
 * or the server's Retry-After, never past the call's deadline.
 *
 * <p>Why not Resilience4j's {@code Retry}: its interval function can read a Retry-After from the
 * failure, but it has no per-call deadline (its config is shared by all calls and knows nothing
 * of when a call started, so it cannot refuse a wait that would outlast that call's deadline),
 * and it allocates a context per call on the success path. Breaker, limiter and bulkhead remain
 * Resilience4j's.
 */
final class RetryPlan {
  /** {@link #nextDelayNanos} result: the failure is final, rethrow it. */
  static final long GIVE_UP = -1;
  /** {@link #nextDelayNanos} result: a retry is allowed but would wait past the deadline. */
  static final long PAST_DEADLINE = -2;

  private final int maxAttempts;
  private final long initialBackoffNanos;
  private final long maxBackoffNanos;
  private final double multiplier;
  private final Predicate<? super Throwable> retryOn;

  RetryPlan(GuardSettings<?, ?> settings) {
    this.maxAttempts = settings.maxAttempts;
    this.initialBackoffNanos = saturatedNanos(settings.initialBackoff);
    this.maxBackoffNanos = saturatedNanos(settings.maxBackoff);
    this.multiplier = settings.backoffMultiplier;
    this.retryOn = settings.retryOn;
  }

  /**
   * Returns the wait before the next attempt, {@link #GIVE_UP} or {@link #PAST_DEADLINE}.
   *
   * @param attempt the attempt that failed, from 1
   * @param failure its failure
   * @param remainingNanos time left before the call's deadline
   */
  long nextDelayNanos(int attempt, Throwable failure, long remainingNanos) {
    if (attempt >= maxAttempts || !retryOn.test(failure)) {
      return GIVE_UP;
    }
    long delay = serverDelay(failure);
    if (delay < 0) {
      delay = jitteredBackoff(attempt);
    }
    return delay >= remainingNanos ? PAST_DEADLINE : delay;
  }

  private long jitteredBackoff(int attempt) {
    double cap = Math.min((double) maxBackoffNanos, initialBackoffNanos * Math.pow(multiplier, attempt - 1));
    // Full jitter (uniform in [0, cap]) spreads clients that failed together, unlike equal jitter.
    return (long) (ThreadLocalRandom.current().nextDouble() * cap);
  }

  private static long serverDelay(Throwable failure) {
    if (failure instanceof RetryAfterAware aware) {
      Optional<Duration> retryAfter = aware.retryAfter();
      if (retryAfter != null && retryAfter.isPresent()) {
        return Math.max(0, saturatedNanos(retryAfter.get()));
      }
    }
    return -1;
  }

  static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
