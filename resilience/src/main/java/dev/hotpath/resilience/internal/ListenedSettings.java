package dev.hotpath.resilience.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What the settings objects of resilience's builders share: the listeners, and the copy that
 * {@code build()} hands the implementation, so that later builder calls do not reach a built
 * component. The copy is shallow (option values are immutable or shared) except for the
 * listeners, which become an unmodifiable list of their own.
 *
 * @param <L> the listener type
 * @param <S> the concrete settings type, which {@link #copy()} returns
 */
public abstract class ListenedSettings<L, S extends ListenedSettings<L, S>> implements Cloneable {
  /** The listeners, in the order they are told. */
  public List<L> listeners = new ArrayList<>();

  /** For the settings types of this package. */
  ListenedSettings() {}

  /**
   * A copy for one built component, so that later builder calls do not reach it.
   *
   * @return a copy of these settings with an unmodifiable copy of the listeners
   */
  @SuppressWarnings("unchecked")
  public final S copy() {
    try {
      S copy = (S) clone();
      copy.listeners = List.copyOf(listeners);
      return copy;
    } catch (CloneNotSupportedException impossible) {
      throw new AssertionError(impossible);
    }
  }
}
