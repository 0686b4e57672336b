package dev.hotpath.pool.internal;

import dev.hotpath.pool.SqlFingerprint;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts SELECT shapes within one scope (a request's unit of work, or a thread's query scope) and
 * says when one passes the threshold, exactly once per shape. Thread-safe, because a unit of work
 * may be carried onto other threads. Bounded (invariant 7): shapes past {@link #MAX_SHAPES} are
 * not counted.
 */
public final class NPlusOneDetector {

  /** The most distinct shapes counted in one scope. */
  static final int MAX_SHAPES = 1024;

  private final ConcurrentHashMap<SqlFingerprint, AtomicInteger> counts = new ConcurrentHashMap<>();

  /**
   * Counts one execution.
   *
   * @param fingerprint the SELECT's shape
   * @param threshold how many executions are allowed
   * @return the count if this execution is the first one over the threshold, otherwise 0
   */
  public int countAndCheck(SqlFingerprint fingerprint, int threshold) {
    AtomicInteger count = counts.get(fingerprint);
    if (count == null) {
      if (counts.size() >= MAX_SHAPES) {
        return 0;
      }
      count = counts.computeIfAbsent(fingerprint, f -> new AtomicInteger());
    }
    int now = count.incrementAndGet();
    return now == threshold + 1 ? now : 0;
  }
}
