package dev.hotpath.pool;

import dev.hotpath.pool.internal.ScopeFrame;
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
 */
public final class QueryScope implements AutoCloseable {

  private final ScopeFrame frame;

  private QueryScope(ScopeFrame frame) {
    this.frame = frame;
  }

  /**
   * Opens a scope on this thread.
   *
   * @return the scope, to close in a try-with-resources block
   */
  public static QueryScope open() {
    return new QueryScope(ScopeFrame.open());
  }

  /**
   * Returns how many statements of a kind ran in this scope so far.
   *
   * @param kind the kind
   * @return the count
   */
  public int count(QueryKind kind) {
    return frame.count(kind);
  }

  /**
   * Returns how many statements of any kind ran in this scope so far.
   *
   * @return the count
   */
  public int totalCount() {
    return frame.total();
  }

  /**
   * Returns the shapes of the statements that ran, in order (at most the first 200).
   *
   * @return an immutable list
   */
  public List<SqlFingerprint> statements() {
    return frame.seen();
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
    frame.close();
  }
}
