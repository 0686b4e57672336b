package dev.hotpath.resilience;

import java.time.Duration;

/**
 * Receives a {@link Guard}'s events. Methods run on the calling (or completing) thread, inline,
 * so they must be quick and must not block; an exception thrown by a listener is ignored.
 * Every method has an empty default, so implement only what you need.
 */
public interface GuardListener {

  /**
   * A call that ran (possibly after retries) succeeded.
   *
   * @param guard the guard's name
   * @param nanos time spent inside the guard's policies, retries included
   */
  default void onSuccess(String guard, long nanos) {}

  /**
   * A call that ran failed after its last attempt, or was cut by a timeout or the deadline.
   *
   * @param guard the guard's name
   * @param failure the failure the caller (or the fallback) receives
   * @param nanos time spent inside the guard's policies, retries included
   */
  default void onFailure(String guard, Throwable failure, long nanos) {}

  /**
   * A policy rejected or cut a call.
   *
   * @param guard the guard's name
   * @param rejection the rejection, with its reason
   */
  default void onRejected(String guard, CallRejectedException rejection) {}

  /**
   * An attempt failed and another one will start after {@code delay}.
   *
   * @param guard the guard's name
   * @param attempt the number of the attempt that failed, from 1
   * @param delay the wait before the next attempt
   * @param failure the attempt's failure
   */
  default void onRetry(String guard, int attempt, Duration delay, Throwable failure) {}

  /**
   * The fallback is about to answer for a failed call.
   *
   * @param guard the guard's name
   * @param failure what the fallback receives
   */
  default void onFallback(String guard, Throwable failure) {}
}
