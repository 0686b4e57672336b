package dev.hotpath.pool.internal;

import dev.hotpath.core.ServerTiming;
import java.lang.reflect.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link Statement} that times every execute call and attributes it to the statement's
 * fingerprint. Every other method is a generated delegate ({@link DelegatingStatement},
 * invariant 4); {@link #getConnection()} returns the wrapping connection and result sets come back
 * wrapped so that {@link ResultSet#getStatement()} returns this statement, as the JDBC contract
 * expects.
 */
public class InstrumentedStatement extends DelegatingStatement {

  /**
   * One execute call on the driver's statement, as a function of its arguments alone: the
   * constants below capture nothing, so running a statement through {@link #timed} allocates no
   * lambda.
   *
   * @param <S> the driver's statement type
   * @param <R> what the call returns
   */
  @FunctionalInterface
  interface Execution<S, R> {
    R run(S statement, String sql, Object option) throws SQLException;
  }

  private static final Execution<Statement, Boolean> EXECUTE = (s, sql, o) -> s.execute(sql);
  private static final Execution<Statement, Boolean> EXECUTE_KEYS =
      (s, sql, keys) -> s.execute(sql, (Integer) keys);
  private static final Execution<Statement, Boolean> EXECUTE_INDEXES =
      (s, sql, indexes) -> s.execute(sql, (int[]) indexes);
  private static final Execution<Statement, Boolean> EXECUTE_NAMES =
      (s, sql, names) -> s.execute(sql, (String[]) names);
  private static final Execution<Statement, Integer> UPDATE = (s, sql, o) -> s.executeUpdate(sql);
  private static final Execution<Statement, Integer> UPDATE_KEYS =
      (s, sql, keys) -> s.executeUpdate(sql, (Integer) keys);
  private static final Execution<Statement, Integer> UPDATE_INDEXES =
      (s, sql, indexes) -> s.executeUpdate(sql, (int[]) indexes);
  private static final Execution<Statement, Integer> UPDATE_NAMES =
      (s, sql, names) -> s.executeUpdate(sql, (String[]) names);
  private static final Execution<Statement, Long> LARGE_UPDATE =
      (s, sql, o) -> s.executeLargeUpdate(sql);
  private static final Execution<Statement, Long> LARGE_UPDATE_KEYS =
      (s, sql, keys) -> s.executeLargeUpdate(sql, (Integer) keys);
  private static final Execution<Statement, Long> LARGE_UPDATE_INDEXES =
      (s, sql, indexes) -> s.executeLargeUpdate(sql, (int[]) indexes);
  private static final Execution<Statement, Long> LARGE_UPDATE_NAMES =
      (s, sql, names) -> s.executeLargeUpdate(sql, (String[]) names);
  private static final Execution<Statement, ResultSet> QUERY = (s, sql, o) -> s.executeQuery(sql);
  private static final Execution<Statement, int[]> BATCH = (s, sql, o) -> s.executeBatch();
  private static final Execution<Statement, long[]> LARGE_BATCH =
      (s, sql, o) -> s.executeLargeBatch();

  // Every reference here is 4 bytes of every statement wrapper, allocated per statement whenever
  // the JIT cannot scalar-replace it (WrapperLayoutTest keeps a prepared statement's at 32 bytes).
  // The instrumentation is reached through the connection rather than kept in a field of its own.
  final InstrumentedConnection connection;
  // A plain statement's batch shape: the first SQL added to the batch, null while it is empty. A
  // prepared statement's own shape, set once when it is prepared and kept by clearBatch (one
  // field for both, instead of a field each).
  StatementShape shape;
  // The Server-Timing entries of the request the running execute call belongs to, found by
  // QueryInstrumentation.begin and fed by its end; a statement runs one call at a time (JDBC).
  ServerTiming requestTiming;

  InstrumentedStatement(Statement delegate, InstrumentedConnection connection) {
    super(delegate);
    this.connection = connection;
  }

  final StatementShape shape(String sql) {
    return connection.instrumentation.shape(sql);
  }

  /** A batch is attributed to the first SQL added to it; a prepared batch to its own SQL. */
  final StatementShape batchShape() {
    return shape != null ? shape : shape("");
  }

  final long begin(StatementShape shape) {
    return connection.instrumentation.begin(shape, this);
  }

  final void end(StatementShape shape, long start, long rows, Throwable failure) {
    connection.instrumentation.end(shape, start, rows, connection.acquireNanos, failure, this);
  }

  /**
   * Runs one execute call between {@link #begin} and {@link #end}: the one place every execute
   * method of every statement type is timed, counted and reported, whether it returns or throws.
   *
   * @param shape the statement's shape
   * @param target the driver's statement
   * @param execution the call
   * @param sql the SQL passed to the call, or null for a prepared statement's own
   * @param option the call's extra argument (generated-keys flag, column indexes or names), or null
   * @return what the driver returned
   * @throws SQLException as the driver throws it
   */
  final <S, R> R timed(StatementShape shape, S target, Execution<S, R> execution, String sql,
      Object option) throws SQLException {
    long start = begin(shape);
    try {
      R result = execution.run(target, sql, option);
      end(shape, start, rows(result), null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  /** The rows an execute call touched: its update count(s), or -1 when unknown or a query. */
  static long rows(Object result) {
    if (result instanceof Integer count) {
      return count;
    }
    if (result instanceof Long count) {
      return count;
    }
    if (result instanceof int[] || result instanceof long[]) {
      // One loop for both batch results; a batch's own work dwarfs the reflective reads.
      long rows = 0;
      for (int i = 0, n = Array.getLength(result); i < n; i++) {
        long count = Array.getLong(result, i);
        if (count < 0) {
          return -1;
        }
        rows += count;
      }
      return rows;
    }
    return -1;
  }

  /** Describes the bound parameter values, for a slow-query log that is allowed to show them. */
  String parameterValues() {
    return "[]";
  }

  @Override
  final ResultSet wrap(ResultSet resultSet) {
    return resultSet == null ? null : new InstrumentedResultSet(resultSet, this);
  }

  @Override
  public Connection getConnection() throws SQLException {
    delegate.getConnection(); // throws as the driver does when closed
    return connection;
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    delegate.addBatch(sql);
    if (shape == null) {
      shape = shape(sql);
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
    shape = null;
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return timed(shape(sql), delegate, EXECUTE, sql, null);
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return timed(shape(sql), delegate, EXECUTE_KEYS, sql, autoGeneratedKeys);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return timed(shape(sql), delegate, EXECUTE_INDEXES, sql, columnIndexes);
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return timed(shape(sql), delegate, EXECUTE_NAMES, sql, columnNames);
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return timed(shape(sql), delegate, UPDATE, sql, null);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return timed(shape(sql), delegate, UPDATE_KEYS, sql, autoGeneratedKeys);
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return timed(shape(sql), delegate, UPDATE_INDEXES, sql, columnIndexes);
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return timed(shape(sql), delegate, UPDATE_NAMES, sql, columnNames);
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return timed(shape(sql), delegate, LARGE_UPDATE, sql, null);
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return timed(shape(sql), delegate, LARGE_UPDATE_KEYS, sql, autoGeneratedKeys);
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return timed(shape(sql), delegate, LARGE_UPDATE_INDEXES, sql, columnIndexes);
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    return timed(shape(sql), delegate, LARGE_UPDATE_NAMES, sql, columnNames);
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    return wrap(timed(shape(sql), delegate, QUERY, sql, null));
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return timed(batchShape(), delegate, BATCH, null, null);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return timed(batchShape(), delegate, LARGE_BATCH, null, null);
  }
}
