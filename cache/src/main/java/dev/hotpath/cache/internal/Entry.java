package dev.hotpath.cache.internal;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * One cached value (or "no value", a negative entry) with the slot versions its load began with
 * and its deadlines on the cache's ticker.
 */
final class Entry<V> {
  private static final AtomicIntegerFieldUpdater<Entry<?>> REFRESHING =
      AtomicIntegerFieldUpdater.newUpdater(castClass(), "refreshing");

  final V value;
  final int[] slots;
  final long[] versions;
  /** From here a hit starts a background refresh. */
  final long refreshAt;
  /** From here the value is stale. */
  final long freshUntil;
  /** From here the entry is gone. */
  final long expiresAt;
  /** Until here the value may still answer for a failing loader (fail-safe); else {@code expiresAt}. */
  final long failSafeUntil;
  /** Whether a hit must read the clock; false when Caffeine's fixed expiry is exact. */
  final boolean clocked;

  private volatile int refreshing;

  Entry(
      V value,
      int[] slots,
      long[] versions,
      long refreshAt,
      long freshUntil,
      long expiresAt,
      long failSafeUntil,
      boolean clocked) {
    this.value = value;
    this.slots = slots;
    this.versions = versions;
    this.refreshAt = refreshAt;
    this.freshUntil = freshUntil;
    this.expiresAt = expiresAt;
    this.failSafeUntil = failSafeUntil;
    this.clocked = clocked;
  }

  boolean isCurrent(VersionTable table) {
    return table.isCurrent(slots, versions);
  }

  /** True for the one caller that may start this entry's refresh. */
  boolean startRefresh() {
    return REFRESHING.compareAndSet(this, 0, 1);
  }

  /** After a failed refresh, so that a later read may try again. */
  void refreshFailed() {
    refreshing = 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Class<Entry<?>> castClass() {
    return (Class) Entry.class;
  }
}
