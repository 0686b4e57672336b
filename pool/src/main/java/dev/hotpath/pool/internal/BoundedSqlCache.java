package dev.hotpath.pool.internal;

import dev.hotpath.core.Check;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;

/**
 * What hotpath derives from a SQL string (its fingerprint and metrics), remembered per string so
 * that a statement prepared again costs one map lookup instead of a scan.
 *
 * <p>Bounded (invariant 7): at most {@code maxEntries} strings plus one per thread inserting at
 * that moment, evicted first in, first out through a ring of slots; strings longer than
 * {@code maxKeyLength} are computed every time and never kept, because statements that long are
 * generated (literal IN lists, bulk VALUES) and rarely repeat. Lock-free: a hit is one
 * {@link ConcurrentHashMap#get}; a miss computes outside any lock, so two threads missing on the
 * same string may both compute and the first to insert wins.
 *
 * @param <V> what is remembered per string
 */
public final class BoundedSqlCache<V> {

  private final ConcurrentHashMap<String, V> entries;
  private final AtomicReferenceArray<String> insertionRing;
  private final AtomicLong inserted = new AtomicLong();
  private final int maxKeyLength;
  private final Function<String, ? extends V> compute;

  /**
   * Creates an empty cache.
   *
   * @param maxEntries the most strings kept, at least 1
   * @param maxKeyLength the longest string kept, at least 1
   * @param compute derives the value of a string; must not return null
   * @throws IllegalArgumentException if a bound is not positive
   */
  public BoundedSqlCache(int maxEntries, int maxKeyLength, Function<String, ? extends V> compute) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    if (maxKeyLength < 1) {
      throw new IllegalArgumentException("maxKeyLength must be at least 1, was " + maxKeyLength);
    }
    this.entries = new ConcurrentHashMap<>(Math.min(maxEntries, 1024) * 2);
    this.insertionRing = new AtomicReferenceArray<>(maxEntries);
    this.maxKeyLength = maxKeyLength;
    this.compute = Check.notNull(compute, "compute");
  }

  /**
   * Returns the value for a string, computing and remembering it on a miss.
   *
   * @param sql the statement text
   * @return its value
   */
  public V get(String sql) {
    V value = entries.get(sql);
    if (value != null) {
      return value;
    }
    value = Objects.requireNonNull(compute.apply(sql), "compute returned null");
    if (sql.length() > maxKeyLength) {
      return value;
    }
    V raced = entries.putIfAbsent(sql, value);
    if (raced != null) {
      return raced;
    }
    int slot = (int) (inserted.getAndIncrement() % insertionRing.length());
    String evicted = insertionRing.getAndSet(slot, sql);
    if (evicted != null && !evicted.equals(sql)) {
      entries.remove(evicted);
    }
    return value;
  }

  /**
   * Returns how many strings are kept now.
   *
   * @return the number of entries
   */
  public int size() {
    return entries.size();
  }
}
