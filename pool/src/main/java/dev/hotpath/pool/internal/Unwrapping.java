package dev.hotpath.pool.internal;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper} semantics shared by every hotpath wrapper: the wrapped object itself if it is
 * of the asked type, else whatever it unwraps to, so callers reach the pool's and driver's own
 * objects (invariant 4).
 */
public final class Unwrapping {

  private Unwrapping() {}

  /**
   * Unwraps through a delegate.
   *
   * @param delegate the wrapped object
   * @param iface the type asked for
   * @param <T> the type asked for
   * @return the delegate or what it unwraps to
   * @throws SQLException if nothing in the chain is of that type
   */
  public static <T> T unwrap(Wrapper delegate, Class<T> iface) throws SQLException {
    return iface.isInstance(delegate) ? iface.cast(delegate) : delegate.unwrap(iface);
  }

  /**
   * Tells whether {@link #unwrap} would succeed.
   *
   * @param delegate the wrapped object
   * @param iface the type asked about
   * @return true if the delegate is or wraps that type
   * @throws SQLException as the delegate throws it
   */
  public static boolean isWrapperFor(Wrapper delegate, Class<?> iface) throws SQLException {
    return iface.isInstance(delegate) || delegate.isWrapperFor(iface);
  }
}
