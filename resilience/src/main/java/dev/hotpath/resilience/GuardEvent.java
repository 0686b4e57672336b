package dev.hotpath.resilience;

import java.time.Duration;

/**
 * One thing a {@link Guard} did with a call, as its {@link GuardListener}s hear it. Which
 * components carry a value depends on the {@link #kind()}; the others are zero or null.
 *
 * @param guard the guard's name
 * @param kind what happened
 * @param elapsedNanos for {@link Kind#SUCCEEDED} and {@link Kind#FAILED}: the time spent inside
 *     the guard's policies, retries included; otherwise 0
 * @param failure for {@link Kind#FAILED}: what the caller (or the fallback) receives; for {@link
 *     Kind#REJECTED}: the {@link CallRejectedException}; for {@link Kind#RETRYING}: the attempt's
 *     failure; for {@link Kind#FALLING_BACK}: what the fallback receives; for {@link
 *     Kind#SUCCEEDED}: null
 * @param attempt for {@link Kind#RETRYING}: the number of the attempt that failed, from 1;
 *     otherwise 0
 * @param retryDelayNanos for {@link Kind#RETRYING}: the wait before the next attempt; otherwise 0
 */
public record GuardEvent(
    String guard, Kind kind, long elapsedNanos, Throwable failure, int attempt, long retryDelayNanos) {

  /** What a guard did with a call. */
  public enum Kind {
    /** A call that ran (possibly after retries) succeeded. */
    SUCCEEDED,
    /** A call that ran failed after its last attempt, or was cut by a timeout or the deadline. */
    FAILED,
    /** A policy rejected or cut a call; {@link #rejection()} says why. */
    REJECTED,
    /** An attempt failed and another one starts after {@link #retryDelay()}. */
    RETRYING,
    /** The fallback is about to answer for a failed call. */
    FALLING_BACK
  }

  /**
   * The time spent inside the guard's policies, for a call that succeeded or failed.
   *
   * @return {@link #elapsedNanos()} as a duration
   */
  public Duration elapsed() {
    return Duration.ofNanos(elapsedNanos);
  }

  /**
   * The wait before the next attempt, for a retry.
   *
   * @return {@link #retryDelayNanos()} as a duration
   */
  public Duration retryDelay() {
    return Duration.ofNanos(retryDelayNanos);
  }

  /**
   * The rejection, for a {@link Kind#REJECTED} event.
   *
   * @return the rejection with its reason, or null for another kind
   */
  public CallRejectedException rejection() {
    return kind == Kind.REJECTED ? (CallRejectedException) failure : null;
  }
}
