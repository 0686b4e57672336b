package dev.hotpath.pool;

import dev.hotpath.core.Check;
import java.time.Duration;
import java.util.Optional;

/**
 * One executed statement (or batch), as delivered to {@link QueryListener}s.
 *
 * <p>Carries the statement's fingerprint only: never its literal text or parameter values
 * (invariant 5). A failure is carried as the driver's exception, whose message may quote values;
 * hotpath itself logs only its class name.
 *
 * @param dataSourceName the name of the {@link HotpathDataSource} that ran the statement
 * @param fingerprint the statement's shape
 * @param elapsed how long the execute call took (for a query: until the driver returned the
 *     result set, not until it was read)
 * @param rows the update count (the sum over a batch), or -1 when the statement returned a result
 *     set or the driver did not say
 * @param connectionAcquireTime how long obtaining the statement's connection took
 * @param failure the exception the execute call threw, or null when it succeeded
 */
public record QueryEvent(String dataSourceName, SqlFingerprint fingerprint, Duration elapsed,
    long rows, Duration connectionAcquireTime, Throwable failure) {

  /**
   * Validates the components.
   *
   * @param dataSourceName the name of the {@link HotpathDataSource} that ran the statement
   * @param fingerprint the statement's shape
   * @param elapsed how long the execute call took (for a query: until the driver returned the
   *     result set, not until it was read)
   * @param rows the update count (the sum over a batch), or -1 when the statement returned a result
   *     set or the driver did not say
   * @param connectionAcquireTime how long obtaining the statement's connection took
   * @param failure the exception the execute call threw, or null when it succeeded
   * @throws NullPointerException if any component but {@code failure} is null
   */
  public QueryEvent {
    Check.notNull(dataSourceName, "dataSourceName");
    Check.notNull(fingerprint, "fingerprint");
    Check.notNull(elapsed, "elapsed");
    Check.notNull(connectionAcquireTime, "connectionAcquireTime");
  }

  /**
   * Returns what the statement did.
   *
   * @return the fingerprint's kind
   */
  public QueryKind kind() {
    return fingerprint.kind();
  }

  /**
   * Tells whether the execute call returned normally.
   *
   * @return true if there is no failure
   */
  public boolean succeeded() {
    return failure == null;
  }

  /**
   * Returns the failure, if any.
   *
   * @return the exception the execute call threw, or empty when it succeeded
   */
  public Optional<Throwable> failureCause() {
    return Optional.ofNullable(failure);
  }
}
