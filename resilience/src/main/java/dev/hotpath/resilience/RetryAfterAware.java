package dev.hotpath.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * Implemented by a caller's exception that knows how long the server asked it to wait, typically
 * from an HTTP {@code Retry-After} header on a 429 or 503 response. A {@link Guard} waits at least
 * that long before the next attempt (instead of its own backoff), and gives up with
 * {@link CallRejectedException.Reason#DEADLINE_EXCEEDED} when the wait would outlast the deadline.
 */
public interface RetryAfterAware {

  /**
   * Returns the wait the server asked for.
   *
   * @return the wait, or empty when the server gave none; a negative wait counts as zero
   */
  Optional<Duration> retryAfter();
}
