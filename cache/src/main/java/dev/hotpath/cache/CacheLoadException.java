package dev.hotpath.cache;

/**
 * Thrown by a cache read when its loader failed with a checked exception (the cause), when the
 * caller was interrupted while waiting for another caller's load of the same key, or when a load
 * outlasted the cache's hard loader timeout (no cause; the load goes on in the background).
 *
 * <p>Unchecked exceptions and errors of a loader reach the caller unchanged.
 */
public final class CacheLoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was being loaded
   * @param cause the loader's exception, or null
   */
  public CacheLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
