package dev.hotpath.pool.internal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * A {@link PreparedStatement} whose SQL shape is resolved once, when it is prepared, so that each
 * execution only reads the clock twice and records one latency. Parameter values are remembered
 * only when the data source may log them (invariant 5). Every other method is a generated
 * delegate ({@link DelegatingPreparedStatement}).
 */
public class InstrumentedPreparedStatement extends DelegatingPreparedStatement {

  private static final Execution<PreparedStatement, Boolean> EXECUTE =
      (s, sql, o) -> s.execute();
  private static final Execution<PreparedStatement, Integer> UPDATE =
      (s, sql, o) -> s.executeUpdate();
  private static final Execution<PreparedStatement, Long> LARGE_UPDATE =
      (s, sql, o) -> s.executeLargeUpdate();
  private static final Execution<PreparedStatement, ResultSet> QUERY =
      (s, sql, o) -> s.executeQuery();

  private Object[] parameters;

  InstrumentedPreparedStatement(PreparedStatement prepared, InstrumentedConnection connection,
      StatementShape shape) {
    super(prepared, connection);
    this.shape = shape;
    this.parameters = connection.instrumentation.logsParameterValues() ? new Object[8] : null;
  }

  @Override
  public void clearBatch() throws SQLException {
    // A prepared batch is its own SQL's: its shape stays.
    delegate.clearBatch();
  }

  @Override
  final boolean keepsParameterValues() {
    return parameters != null;
  }

  @Override
  final void parameterSet(int parameterIndex, Object value) {
    if (parameters == null || parameterIndex < 1 || parameterIndex > 10_000) {
      return;
    }
    if (parameterIndex > parameters.length) {
      parameters = Arrays.copyOf(parameters, Math.max(parameterIndex, parameters.length * 2));
    }
    parameters[parameterIndex - 1] = value;
  }

  @Override
  final String parameterValues() {
    if (parameters == null) {
      return "[]";
    }
    int last = parameters.length;
    while (last > 0 && parameters[last - 1] == null) {
      last--;
    }
    return Arrays.toString(Arrays.copyOf(parameters, last));
  }

  @Override
  public void clearParameters() throws SQLException {
    prepared().clearParameters();
    if (parameters != null) {
      Arrays.fill(parameters, null);
    }
  }

  @Override
  public boolean execute() throws SQLException {
    return timed(shape, prepared(), EXECUTE, null, null);
  }

  @Override
  public int executeUpdate() throws SQLException {
    return timed(shape, prepared(), UPDATE, null, null);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return timed(shape, prepared(), LARGE_UPDATE, null, null);
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return wrap(timed(shape, prepared(), QUERY, null, null));
  }
}
