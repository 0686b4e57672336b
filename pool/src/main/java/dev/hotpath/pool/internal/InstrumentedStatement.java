package dev.hotpath.pool.internal;

import dev.hotpath.core.ServerTiming;
import java.sql.*;

/**
 * A {@link Statement} that times every execute call and attributes it to the statement's
 * fingerprint. Every other method delegates unchanged (invariant 4); {@link #getConnection()}
 * returns the wrapping connection and result sets come back wrapped so that
 * {@link ResultSet#getStatement()} returns this statement, as the JDBC contract expects.
 */
public class InstrumentedStatement implements Statement {

  private final Statement delegate;
  // The instrumentation is reached through the connection rather than kept in a field of its
  // own: one reference less makes a prepared statement's wrapper 40 bytes instead of 48.
  final InstrumentedConnection connection;
  private StatementShape batchShape;
  // The Server-Timing entries of the request the running execute call belongs to, found by
  // QueryInstrumentation.begin and fed by its end; a statement runs one call at a time (JDBC).
  ServerTiming requestTiming;

  InstrumentedStatement(Statement delegate, InstrumentedConnection connection) {
    this.delegate = delegate;
    this.connection = connection;
  }

  final StatementShape shape(String sql) {
    return connection.instrumentation.shape(sql);
  }

  /** A batch is attributed to the first SQL added to it; a prepared batch to its own SQL. */
  StatementShape batchShape() {
    return batchShape != null ? batchShape : shape("");
  }

  final long begin(StatementShape shape) {
    return connection.instrumentation.begin(shape, this);
  }

  final void end(StatementShape shape, long start, long rows, Throwable failure) {
    connection.instrumentation.end(shape, start, rows, connection.acquireNanos, failure, this);
  }

  /** Describes the bound parameter values, for a slow-query log that is allowed to show them. */
  String parameterValues() {
    return "[]";
  }

  static long rows(int[] counts) {
    long rows = 0;
    for (int count : counts) {
      if (count < 0) {
        return -1;
      }
      rows += count;
    }
    return rows;
  }

  static long rows(long[] counts) {
    long rows = 0;
    for (long count : counts) {
      if (count < 0) {
        return -1;
      }
      rows += count;
    }
    return rows;
  }

  final ResultSet wrap(ResultSet resultSet) {
    return resultSet == null ? null : new InstrumentedResultSet(resultSet, this);
  }

  @Override
  public Connection getConnection() throws SQLException {
    delegate.getConnection(); // throws as the driver does when closed
    return connection;
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    return wrap(delegate.getResultSet());
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    return wrap(delegate.getGeneratedKeys());
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    delegate.addBatch(sql);
    if (batchShape == null) {
      batchShape = shape(sql);
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    delegate.clearBatch();
    batchShape = null;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Unwrapping.unwrap(delegate, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Unwrapping.isWrapperFor(delegate, iface);
  }

  @Override
  public void cancel() throws SQLException {
    delegate.cancel();
  }

  @Override
  public void clearWarnings() throws SQLException {
    delegate.clearWarnings();
  }

  @Override
  public void close() throws SQLException {
    delegate.close();
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    delegate.closeOnCompletion();
  }

  @Override
  public String enquoteIdentifier(String string, boolean value) throws SQLException {
    return delegate.enquoteIdentifier(string, value);
  }

  @Override
  public String enquoteLiteral(String string) throws SQLException {
    return delegate.enquoteLiteral(string);
  }

  @Override
  public String enquoteNCharLiteral(String string) throws SQLException {
    return delegate.enquoteNCharLiteral(string);
  }

  @Override
  public boolean execute(String sql, int[] ints) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      boolean result = delegate.execute(sql, ints);
      end(shape, start, -1, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public boolean execute(String sql, String[] strings) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      boolean result = delegate.execute(sql, strings);
      end(shape, start, -1, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public boolean execute(String sql, int value) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      boolean result = delegate.execute(sql, value);
      end(shape, start, -1, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      boolean result = delegate.execute(sql);
      end(shape, start, -1, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    StatementShape shape = batchShape();
    long start = begin(shape);
    try {
      int[] result = delegate.executeBatch();
      end(shape, start, rows(result), null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    StatementShape shape = batchShape();
    long start = begin(shape);
    try {
      long[] result = delegate.executeLargeBatch();
      end(shape, start, rows(result), null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int[] ints) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      long result = delegate.executeLargeUpdate(sql, ints);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public long executeLargeUpdate(String sql, String[] strings) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      long result = delegate.executeLargeUpdate(sql, strings);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public long executeLargeUpdate(String sql, int value) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      long result = delegate.executeLargeUpdate(sql, value);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      long result = delegate.executeLargeUpdate(sql);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      ResultSet result = delegate.executeQuery(sql);
      end(shape, start, -1, null);
      return wrap(result);
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int executeUpdate(String sql, int[] ints) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      int result = delegate.executeUpdate(sql, ints);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int executeUpdate(String sql, String[] strings) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      int result = delegate.executeUpdate(sql, strings);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int executeUpdate(String sql, int value) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      int result = delegate.executeUpdate(sql, value);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    StatementShape shape = shape(sql);
    long start = begin(shape);
    try {
      int result = delegate.executeUpdate(sql);
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    return delegate.getFetchDirection();
  }

  @Override
  public int getFetchSize() throws SQLException {
    return delegate.getFetchSize();
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    return delegate.getLargeMaxRows();
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    return delegate.getLargeUpdateCount();
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    return delegate.getMaxFieldSize();
  }

  @Override
  public int getMaxRows() throws SQLException {
    return delegate.getMaxRows();
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    return delegate.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int parameterIndex) throws SQLException {
    return delegate.getMoreResults(parameterIndex);
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return delegate.getQueryTimeout();
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    return delegate.getResultSetConcurrency();
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    return delegate.getResultSetHoldability();
  }

  @Override
  public int getResultSetType() throws SQLException {
    return delegate.getResultSetType();
  }

  @Override
  public int getUpdateCount() throws SQLException {
    return delegate.getUpdateCount();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    return delegate.isCloseOnCompletion();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    return delegate.isPoolable();
  }

  @Override
  public boolean isSimpleIdentifier(String string) throws SQLException {
    return delegate.isSimpleIdentifier(string);
  }

  @Override
  public void setCursorName(String parameterName) throws SQLException {
    delegate.setCursorName(parameterName);
  }

  @Override
  public void setEscapeProcessing(boolean value) throws SQLException {
    delegate.setEscapeProcessing(value);
  }

  @Override
  public void setFetchDirection(int parameterIndex) throws SQLException {
    delegate.setFetchDirection(parameterIndex);
  }

  @Override
  public void setFetchSize(int parameterIndex) throws SQLException {
    delegate.setFetchSize(parameterIndex);
  }

  @Override
  public void setLargeMaxRows(long value) throws SQLException {
    delegate.setLargeMaxRows(value);
  }

  @Override
  public void setMaxFieldSize(int parameterIndex) throws SQLException {
    delegate.setMaxFieldSize(parameterIndex);
  }

  @Override
  public void setMaxRows(int parameterIndex) throws SQLException {
    delegate.setMaxRows(parameterIndex);
  }

  @Override
  public void setPoolable(boolean value) throws SQLException {
    delegate.setPoolable(value);
  }

  @Override
  public void setQueryTimeout(int parameterIndex) throws SQLException {
    delegate.setQueryTimeout(parameterIndex);
  }
}
