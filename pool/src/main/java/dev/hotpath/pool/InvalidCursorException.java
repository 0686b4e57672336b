package dev.hotpath.pool;

/** A keyset cursor that was forged, altered, truncated or made for another {@link Keyset}. */
public final class InvalidCursorException extends IllegalArgumentException {

  /**
   * Creates the exception.
   *
   * @param message what is wrong with the cursor (never the cursor's decoded values)
   */
  public InvalidCursorException(String message) {
    super(message);
  }
}
