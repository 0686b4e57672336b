package dev.hotpath.servlet.internal;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A small lock-free pool of reusable objects (body buffers, deflaters). Slots are probed from
 * a per-thread start index so concurrent threads rarely contend; an empty pool returns null and
 * a full pool refuses, so the pool never blocks and never grows.
 *
 * @param <T> pooled type
 */
public final class Pool<T> {
  private final AtomicReferenceArray<T> slots;
  private final int mask;

  /** Creates a pool with a power-of-two number of slots scaled to the processor count. */
  public Pool() {
    int wanted = Math.max(8, Runtime.getRuntime().availableProcessors() * 2);
    int size = Integer.highestOneBit(wanted - 1) << 1;
    this.slots = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  /**
   * Takes an object out of the pool.
   *
   * @return a pooled object, or null when none is free
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
   * Returns an object to the pool.
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
