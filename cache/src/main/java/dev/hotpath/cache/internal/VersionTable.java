package dev.hotpath.cache.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The current version of every invalidation slot of one cache. Keys and tags hash into a fixed
 * number of slots, so the table has a hard size bound however many tags exist; one extra slot
 * stands for "the whole cache". An entry remembers the versions of its slots read before its load
 * began; when any has moved on, the entry counts as missing. Versions only ever grow.
 */
final class VersionTable {
  private final AtomicLongArray versions;
  private final int mask;
  private final int allSlot;

  VersionTable(int slots) {
    this.versions = new AtomicLongArray(slots + 1);
    this.mask = slots - 1;
    this.allSlot = slots;
  }

  /** The number of key and tag slots, without the whole-cache slot. */
  int slots() {
    return allSlot;
  }

  int allSlot() {
    return allSlot;
  }

  int keySlot(String keyString) {
    return spread(keyString.hashCode()) & mask;
  }

  /** Salted, so a tag and a key with the same text do not always share a slot. */
  int tagSlot(String tag) {
    return spread(tag.hashCode() ^ 0x5bd1e995) & mask;
  }

  boolean isSlot(int slot) {
    return slot >= 0 && slot <= allSlot;
  }

  long get(int slot) {
    return versions.get(slot);
  }

  /** Adopts a version learnt from Redis; an older one is ignored. */
  void raise(int slot, long version) {
    versions.accumulateAndGet(slot, version, Math::max);
  }

  /** Moves a slot on locally (no Redis, or Redis unreachable). */
  long bump(int slot) {
    return versions.incrementAndGet(slot);
  }

  long[] capture(int[] slots) {
    long[] captured = new long[slots.length];
    for (int i = 0; i < slots.length; i++) {
      captured[i] = versions.get(slots[i]);
    }
    return captured;
  }

  boolean isCurrent(int[] slots, long[] captured) {
    for (int i = 0; i < slots.length; i++) {
      if (versions.get(slots[i]) != captured[i]) {
        return false;
      }
    }
    return true;
  }

  private static int spread(int hash) {
    int h = hash * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
