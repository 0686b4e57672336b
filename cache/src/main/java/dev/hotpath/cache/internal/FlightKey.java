package dev.hotpath.cache.internal;

import java.util.Arrays;

/**
 * What a miss shares a load by: its key, its slots, and their versions when the read began. A read
 * that begins after an invalidation of one of those slots captures a newer version, so it never
 * joins (and never receives the value of) a load that started under the older one; concurrent
 * misses that saw the same versions still share one load (DESIGN invariant 1).
 */
final class FlightKey<K> {
  private final K key;
  private final int[] slots;
  private final long[] versions;
  private final int hash;

  FlightKey(K key, int[] slots, long[] versions) {
    this.key = key;
    this.slots = slots;
    this.versions = versions;
    this.hash = 31 * (31 * key.hashCode() + Arrays.hashCode(slots)) + Arrays.hashCode(versions);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FlightKey<?> that
        && hash == that.hash
        && key.equals(that.key)
        && Arrays.equals(versions, that.versions)
        && Arrays.equals(slots, that.slots);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return String.valueOf(key);
  }
}
