package dev.hotpath.examples.gallery;

import dev.hotpath.resilience.RetryAfterAware;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The vision API answered 429 Too Many Requests. It carries the server's {@code Retry-After}, so
 * a {@code Guard} waits that long before its next attempt instead of its own backoff.
 */
public final class VisionApiThrottledException extends IOException implements RetryAfterAware {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param retryAfter how long the server asked us to wait
   */
  public VisionApiThrottledException(Duration retryAfter) {
    super("vision API answered 429, Retry-After " + retryAfter.toMillis() + " ms");
    this.retryAfter = retryAfter;
  }

  @Override
  public Optional<Duration> retryAfter() {
    return Optional.of(retryAfter);
  }
}
