package dev.hotpath.pool;

import dev.hotpath.core.UnitOfWork;
import dev.hotpath.pool.internal.QueryCounts;
import java.util.List;

/**
 * Counts the statements this thread runs through any {@link HotpathDataSource} between
 * {@link #open()} and {@link #close()}, by kind, and asserts on the counts: the test-side guard
 * against N+1 regressions.
 *
 * <pre>{@code
 * try (QueryScope queries = QueryScope.open()) {
 *   service.loadAlbum(42);
 *   queries.assertSelectCount(2);
 * }
 * }</pre>
 *
 * <p>Scopes nest: a statement counts in every open scope of its thread. A scope outside a
 * {@code UnitOfWork} is also the scope of N+1 detection (the outermost open scope). Statements run
 * on other threads are not counted. Not thread-safe: use a scope on the thread that opened it.
 *
 * <p>A scope is a local {@link UnitOfWork} ({@link UnitOfWork#beginLocal}): it nests with units of
 * work in the thread's one chain, and closing it out of order closes what was begun inside it, as
 * closing a unit of work does.
 */
public final class QueryScope implements AutoCloseable {

  private final UnitOfWork local;
  private final QueryCounts counts;

  private QueryScope(UnitOfWork local, QueryCounts counts) {
    this.local = local;
    this.counts = counts;
  }

  /**
   * Opens a scope on this thread.
   *
   * @return the scope, to close in a try-with-resources block
   */
  public static QueryScope open() {
    UnitOfWork local = UnitOfWork.beginLocal("query scope");
    QueryCounts counts = new QueryCounts();
    local.attach(QueryCounts.KEY, counts);
    return new QueryScope(local, counts);
  }

  /**
   * Returns how many statements of a kind ran in this scope so far.
   *
   * @param kind the kind
   * @return the count
   */
  public int count(QueryKind kind) {
    return counts.count(kind);
  }

  /**
   * Returns how many statements of any kind ran in this scope so far.
   *
   * @return the count
   */
  public int totalCount() {
    return counts.total();
  }

  /**
   * Returns the shapes of the statements that ran, in order (at most the first 200).
   *
   * @return an immutable list
   */
  public List<SqlFingerprint> statements() {
    return counts.seen();
  }

  /**
   * Asserts how many statements of a kind ran.
   *
   * @param kind the kind
   * @param expected the expected count
   * @throws AssertionError naming the counts and listing the statements seen, if it differs
   */
  public void assertCount(QueryKind kind, int expected) {
    int actual = count(kind);
    if (actual != expected) {
      fail("expected " + expected + " " + kind + " statement(s) but " + actual + " ran");
    }
  }

  /**
   * Asserts how many statements ran in total.
   *
   * @param expected the expected count
   * @throws AssertionError naming the counts and listing the statements seen, if it differs
   */
  public void assertTotalCount(int expected) {
    int actual = totalCount();
    if (actual != expected) {
      fail("expected " + expected + " statement(s) but " + actual + " ran");
    }
  }

  /**
   * Asserts how many SELECTs ran.
   *
   * @param expected the expected count
   * @throws AssertionError naming the counts and listing the statements seen, if it differs
   */
  public void assertSelectCount(int expected) {
    assertCount(QueryKind.SELECT, expected);
  }

  /**
   * Asserts how many INSERTs ran.
   *
   * @param expected the expected count
   * @throws AssertionError naming the counts and listing the statements seen, if it differs
   */
  public void assertInsertCount(int expected) {
    assertCount(QueryKind.INSERT, expected);
  }

  /**
   * Asserts how many UPDATEs ran.
   *
   * @param expected the expected count
   * @throws AssertionError naming the counts and listing the statements seen, if it differs
   */
  public void assertUpdateCount(int expected) {
    assertCount(QueryKind.UPDATE, expected);
  }

  /**
   * Asserts how many DELETEs ran.
   *
   * @param expected the expected count
   * @throws AssertionError naming the counts and listing the statements seen, if it differs
   */
  public void assertDeleteCount(int expected) {
    assertCount(QueryKind.DELETE, expected);
  }

  private void fail(String summary) {
    StringBuilder message = new StringBuilder(summary).append("; statements seen:");
    List<SqlFingerprint> seen = statements();
    if (seen.isEmpty()) {
      message.append(" none");
    }
    for (int i = 0; i < seen.size(); i++) {
      SqlFingerprint statement = seen.get(i);
      message.append("\n  ").append(i + 1).append(". ").append(statement.kind()).append(": ")
          .append(statement.text());
    }
    throw new AssertionError(message.toString());
  }

  /** Ends the scope: the enclosing scope, if any, becomes current again. Idempotent. */
  @Override
  public void close() {
    local.close();
  }
}
