package dev.hotpath.pool.internal;

import dev.hotpath.core.UnitOfWork;
import dev.hotpath.pool.QueryKind;
import dev.hotpath.pool.SqlFingerprint;
import java.util.ArrayList;
import java.util.List;

/**
 * The counts of one open query scope: statements by kind, the shapes seen (for failure messages;
 * at most {@link #MAX_LISTED}) and the N+1 detector used when no unit of work is current. Attached
 * to the scope's local {@link UnitOfWork}, which gives it its place in the thread's chain: nesting
 * and out-of-order closing are the unit of work's. Only its own thread touches it.
 */
public final class QueryCounts {

  /** Where a query scope's local unit of work holds its counts. */
  public static final UnitOfWork.Key<QueryCounts> KEY = UnitOfWork.Key.of("hotpath.pool.queryScope");

  /** The most statements listed in a failure message. */
  static final int MAX_LISTED = 200;

  private final int[] counts = new int[QueryKind.values().length];
  private final List<SqlFingerprint> seen = new ArrayList<>();
  final NPlusOneDetector detector = new NPlusOneDetector();

  /**
   * Counts a statement.
   *
   * @param fingerprint the statement's shape
   */
  void count(SqlFingerprint fingerprint) {
    counts[fingerprint.kind().ordinal()]++;
    if (seen.size() < MAX_LISTED) {
      seen.add(fingerprint);
    }
  }

  /**
   * Returns how many statements of a kind ran.
   *
   * @param kind the kind
   * @return the count
   */
  public int count(QueryKind kind) {
    return counts[kind.ordinal()];
  }

  /**
   * Returns the shapes of the statements that ran, in order, at most {@value #MAX_LISTED}.
   *
   * @return a copy of the list
   */
  public List<SqlFingerprint> seen() {
    return List.copyOf(seen);
  }

  /**
   * Returns how many statements ran.
   *
   * @return the total over all kinds
   */
  public int total() {
    int total = 0;
    for (int count : counts) {
      total += count;
    }
    return total;
  }
}
