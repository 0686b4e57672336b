package dev.hotpath.pool;

import java.util.Map;

/**
 * Thrown by a {@link BatchLoader.BulkLoad} when some keys of a batch failed and others loaded:
 * each failed key's future fails with its own exception, the others complete with their values.
 */
public final class PartialBatchException extends Exception {

  private final transient Map<?, ?> loaded;
  private final transient Map<?, ? extends Throwable> failures;

  /**
   * Creates the exception.
   *
   * @param loaded the values of the keys that loaded
   * @param failures the failure of each key that did not
   */
  public PartialBatchException(Map<?, ?> loaded, Map<?, ? extends Throwable> failures) {
    super(failures.size() + " key(s) of the batch failed");
    this.loaded = Map.copyOf(loaded);
    this.failures = Map.copyOf(failures);
  }

  /**
   * Returns the values of the keys that loaded.
   *
   * @return an immutable map
   */
  public Map<?, ?> loaded() {
    return loaded;
  }

  /**
   * Returns the failure of each key that did not load.
   *
   * @return an immutable map
   */
  public Map<?, ? extends Throwable> failures() {
    return failures;
  }
}
