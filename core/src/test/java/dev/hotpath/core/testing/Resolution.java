package dev.hotpath.core.testing;

import java.util.Objects;
import org.junit.jupiter.api.Assumptions;
import org.opentest4j.TestAbortedException;

/**
 * The outcome of resolving one test service: an endpoint and where it came from, or why there is
 * none and whether that skips or fails the tests. Immutable, so one outcome can be remembered for
 * the JVM and handed to every test; each {@link #endpoint()} call throws a fresh exception, so
 * suppressed exceptions JUnit adds to one test never pile up in the next.
 */
final class Resolution<T> {

  private final T endpoint;
  private final String description;
  private final boolean fatal;

  private Resolution(T endpoint, String description, boolean fatal) {
    this.endpoint = endpoint;
    this.description = Objects.requireNonNull(description, "description must not be null");
    this.fatal = fatal;
  }

  static <T> Resolution<T> found(T endpoint, String source) {
    return new Resolution<>(Objects.requireNonNull(endpoint, "endpoint must not be null"), source, false);
  }

  /** A missing service: the tests that need it are skipped. */
  static <T> Resolution<T> skipped(String message) {
    return new Resolution<>(null, message, false);
  }

  /** A missing or misconfigured service that must fail the tests that need it. */
  static <T> Resolution<T> failed(String message) {
    return new Resolution<>(null, message, true);
  }

  boolean isFound() {
    return endpoint != null;
  }

  /** Where the endpoint came from, or the message explaining why there is none. */
  String description() {
    return description;
  }

  /**
   * Returns the endpoint.
   *
   * @throws TestAbortedException if the service is missing and not required
   * @throws IllegalStateException if the service is missing and required, or misconfigured
   */
  T endpoint() {
    if (endpoint != null) {
      return endpoint;
    }
    if (fatal) {
      throw new IllegalStateException(description);
    }
    return Assumptions.abort(description);
  }
}
