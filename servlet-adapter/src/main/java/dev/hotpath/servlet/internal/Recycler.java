package dev.hotpath.servlet.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Keeps a few spare objects (body buffers, deflaters) for reuse, lock-free: a filter takes one
 * per request and gives it back after. Slots are probed from a per-thread start index so
 * concurrent threads rarely contend; when no spare is left {@link #poll()} returns null (the
 * caller makes a new object), and when every slot holds one {@link #offer} refuses (the caller
 * drops it), so it never blocks and never grows.
 *
 * @param <T> the type of the reused objects
 */
public final class Recycler<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;

  /** Creates a recycler with a power-of-two number of slots scaled to the processor count. */
  public Recycler() {
    int wanted = Math.max(8, Runtime.getRuntime().availableProcessors() * 2);
    int size = Integer.highestOneBit(wanted - 1) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /**
   * Takes a spare object out.
   *
   * @return a spare object, or null when none is left
   */
  public T poll() {
    int start = start();
    for (int i = 0; i <= mask; i++) {
      int index = (start + i) & mask;
      T item = slots.get(index);
      if (item != null && slots.compareAndSet(index, item, null)) {
        return item;
      }
    }
    return null;
  }

  /**
   * Keeps an object for reuse.
   *
   * @param item the object, no longer used by the caller
   * @return false when every slot is taken (the caller then discards the object)
   */
  public boolean offer(T item) {
    int start = start();
    for (int i = 0; i <= mask; i++) {
      int index = (start + i) & mask;
      if (slots.get(index) == null && slots.compareAndSet(index, null, item)) {
        return true;
      }
    }
    return false;
  }

  private static int start() {
    long id = Thread.currentThread().getId();
    return (int) (id ^ (id >>> 16)) * 0x9E3779B9 >>> 16;
  }
}
