package dev.hotpath.core;

import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one hotpath component (a guard, a budget monitor, a cache, a pool), told of its
 * events under one failure policy shared by every module: <b>a listener that throws never breaks
 * the caller</b>. Its {@link RuntimeException} is caught, counted in {@link #failures()}, and
 * logged once per listener (logger {@code dev.hotpath.listener}, WARN, with the component and the
 * listener); later failures of the same listener are only counted. The other listeners are still
 * told. Errors ({@link Error}) are not caught.
 *
 * <p>Listeners run inline on the thread that raised the event, in the order given, so they must
 * be quick and must not block. Delivering an event through a method reference that captures
 * nothing (e.g. {@code GuardListener::onEvent}) allocates nothing; check {@link #isEmpty()} first
 * to skip building an event nobody hears. Thread-safe and immutable apart from the counters.
 *
 * @param <L> the listener type
 */
public final class Listeners<L> {
  private static final Logger LOG = LoggerFactory.getLogger("dev.hotpath.listener");
  private static final Object[] NONE = {};

  private final String owner;
  private final Object[] listeners;
  /** 1 once a listener's failure was logged, by the listener's index. */
  private final AtomicIntegerArray logged;
  private final LongAdder failures = new LongAdder();

  private Listeners(String owner, Object[] listeners) {
    this.owner = owner;
    this.listeners = listeners;
    this.logged = new AtomicIntegerArray(listeners.length);
  }

  /**
   * Holds a copy of {@code listeners} for the component {@code owner}.
   *
   * @param <L> the listener type
   * @param owner the component, for the log line, e.g. {@code "guard 'vision-api'"}
   * @param listeners the listeners, told in this order
   * @return the listeners
   * @throws NullPointerException if {@code owner}, {@code listeners} or a listener is null
   */
  public static <L> Listeners<L> of(String owner, List<? extends L> listeners) {
    Check.notNull(owner, "owner");
    Check.notNull(listeners, "listeners");
    Object[] copy = listeners.isEmpty() ? NONE : listeners.toArray();
    for (Object listener : copy) {
      Check.notNull(listener, "listener");
    }
    return new Listeners<>(owner, copy);
  }

  /**
   * Tells every listener of {@code event} through {@code delivery}, containing their failures as
   * the class comment says.
   *
   * @param <E> the event type
   * @param event the event
   * @param delivery calls the listener's method, e.g. {@code GuardListener::onEvent}
   */
  @SuppressWarnings("unchecked")
  public <E> void notify(E event, BiConsumer<? super L, ? super E> delivery) {
    Object[] all = listeners;
    for (int i = 0; i < all.length; i++) {
      try {
        delivery.accept((L) all[i], event);
      } catch (RuntimeException failure) {
        failed(i, failure);
      }
    }
  }

  private void failed(int index, RuntimeException failure) {
    failures.increment();
    if (logged.compareAndSet(index, 0, 1)) {
      LOG.warn("listener {} of {} threw; it keeps being told, its further failures are only counted",
          listeners[index], owner, failure);
    }
  }

  /**
   * Whether there is no listener, so an event need not be built.
   *
   * @return true without listeners
   */
  public boolean isEmpty() {
    return listeners.length == 0;
  }

  /**
   * How many times a listener threw since these listeners were made.
   *
   * @return the count of contained listener failures
   */
  public long failures() {
    return failures.sum();
  }

  /**
   * The listeners, in the order they are told.
   *
   * @return an unmodifiable list
   */
  @SuppressWarnings("unchecked")
  public List<L> asList() {
    return (List<L>) List.of(listeners);
  }
}
