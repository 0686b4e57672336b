package dev.hotpath.cache;

/**
 * Thrown by a cache read when its loader failed with a checked exception (the cause), or when the
 * caller was interrupted while waiting for another caller's load of the same key.
 *
 * <p>Unchecked exceptions and errors of a loader reach the caller unchanged.
 */
public final class CacheLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being loaded
   * @param cause the loader's exception
   */
  public CacheLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
