package dev.hotpath.resilience;

import java.util.Objects;

/**
 * Thrown when a {@link Guard} refuses a call or cuts it short; {@link #reason()} says which
 * policy did it and {@link #guardName()} which guard.
 *
 * <p>Rejections are flow control, frequent under overload, so they carry no stack trace of their
 * own; the {@linkplain #getCause() cause}, when there is one (the timed-out or last failed
 * attempt), keeps its trace.
 */
public final class CallRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why a guard refused or cut a call. */
  public enum Reason {
    /** The circuit breaker is open (or half-open with all trial calls taken): the call never ran. */
    CIRCUIT_OPEN,
    /** The rate limiter had no permit within its wait: the call never ran. */
    RATE_LIMITED,
    /** The bulkhead's concurrent-call limit was reached within its wait: the call never ran. */
    BULKHEAD_FULL,
    /** An attempt ran longer than the timeout (or than what was left of the deadline) and was cut. */
    TIMEOUT,
    /**
     * A retry was due but its wait (backoff or the server's Retry-After) would end after the
     * deadline; the cause is the last attempt's failure.
     */
    DEADLINE_EXCEEDED
  }

  /** Why the call was rejected. */
  private final Reason reason;
  /** The guard that rejected it. */
  private final String guardName;

  /**
   * Creates a rejection.
   *
   * @param guardName the guard that rejected the call
   * @param reason why
   * @param cause the failure behind it, or {@code null} when the call never ran
   * @throws NullPointerException if {@code guardName} or {@code reason} is null
   */
  public CallRejectedException(String guardName, Reason reason, Throwable cause) {
    super(Objects.requireNonNull(guardName, "guardName") + ": " + Objects.requireNonNull(reason, "reason"),
        cause, false, false);
    this.guardName = guardName;
    this.reason = reason;
  }

  /**
   * Returns why the call was rejected.
   *
   * @return the reason, never null
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the name of the guard that rejected the call.
   *
   * @return the guard's name
   */
  public String guardName() {
    return guardName;
  }
}
