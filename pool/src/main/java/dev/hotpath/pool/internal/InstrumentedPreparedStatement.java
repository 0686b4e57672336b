package dev.hotpath.pool.internal;

import java.sql.*;
import java.util.Arrays;

/**
 * A {@link PreparedStatement} whose SQL shape is resolved once, when it is prepared, so that each
 * execution only reads the clock twice and records one latency. Parameter values are remembered
 * only when the data source may log them (invariant 5).
 */
public class InstrumentedPreparedStatement extends InstrumentedStatement implements PreparedStatement {

  private final PreparedStatement prepared;
  private final StatementShape shape;
  private Object[] parameters;

  InstrumentedPreparedStatement(PreparedStatement prepared, InstrumentedConnection connection,
      StatementShape shape) {
    super(prepared, connection);
    this.prepared = prepared;
    this.shape = shape;
    this.parameters = connection.instrumentation.logsParameterValues() ? new Object[8] : null;
  }

  @Override
  final StatementShape batchShape() {
    return shape;
  }

  // Primitive setters test parameters != null before calling this, so that with value logging off
  // (the default) they box nothing and allocate nothing.
  private void parameter(int index, Object value) {
    if (parameters == null || index < 1 || index > 10_000) {
      return;
    }
    if (index > parameters.length) {
      parameters = Arrays.copyOf(parameters, Math.max(index, parameters.length * 2));
    }
    parameters[index - 1] = value;
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
    prepared.clearParameters();
    if (parameters != null) {
      Arrays.fill(parameters, null);
    }
  }

  @Override
  public void addBatch() throws SQLException {
    prepared.addBatch();
  }

  @Override
  public boolean execute() throws SQLException {
    StatementShape shape = this.shape;
    long start = begin(shape);
    try {
      boolean result = prepared.execute();
      end(shape, start, -1, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    StatementShape shape = this.shape;
    long start = begin(shape);
    try {
      long result = prepared.executeLargeUpdate();
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    StatementShape shape = this.shape;
    long start = begin(shape);
    try {
      ResultSet result = prepared.executeQuery();
      end(shape, start, -1, null);
      return wrap(result);
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public int executeUpdate() throws SQLException {
    StatementShape shape = this.shape;
    long start = begin(shape);
    try {
      int result = prepared.executeUpdate();
      end(shape, start, result, null);
      return result;
    } catch (SQLException | RuntimeException | Error e) {
      end(shape, start, -1, e);
      throw e;
    }
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return prepared.getMetaData();
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return prepared.getParameterMetaData();
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setArray(parameterIndex, x);
  }

  @Override
  public void setAsciiStream(int parameterIndex, java.io.InputStream x, int value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setAsciiStream(parameterIndex, x, value2);
  }

  @Override
  public void setAsciiStream(int parameterIndex, java.io.InputStream x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setAsciiStream(parameterIndex, x, value2);
  }

  @Override
  public void setAsciiStream(int parameterIndex, java.io.InputStream x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setAsciiStream(parameterIndex, x);
  }

  @Override
  public void setBigDecimal(int parameterIndex, java.math.BigDecimal x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBigDecimal(parameterIndex, x);
  }

  @Override
  public void setBinaryStream(int parameterIndex, java.io.InputStream x, int value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBinaryStream(parameterIndex, x, value2);
  }

  @Override
  public void setBinaryStream(int parameterIndex, java.io.InputStream x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBinaryStream(parameterIndex, x, value2);
  }

  @Override
  public void setBinaryStream(int parameterIndex, java.io.InputStream x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBinaryStream(parameterIndex, x);
  }

  @Override
  public void setBlob(int parameterIndex, java.io.InputStream x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBlob(parameterIndex, x, value2);
  }

  @Override
  public void setBlob(int parameterIndex, java.io.InputStream x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBlob(parameterIndex, x);
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBlob(parameterIndex, x);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setBoolean(parameterIndex, x);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setByte(parameterIndex, x);
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setBytes(parameterIndex, x);
  }

  @Override
  public void setCharacterStream(int parameterIndex, java.io.Reader x, int value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setCharacterStream(parameterIndex, x, value2);
  }

  @Override
  public void setCharacterStream(int parameterIndex, java.io.Reader x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setCharacterStream(parameterIndex, x, value2);
  }

  @Override
  public void setCharacterStream(int parameterIndex, java.io.Reader x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setCharacterStream(parameterIndex, x);
  }

  @Override
  public void setClob(int parameterIndex, java.io.Reader x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setClob(parameterIndex, x, value2);
  }

  @Override
  public void setClob(int parameterIndex, java.io.Reader x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setClob(parameterIndex, x);
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setClob(parameterIndex, x);
  }

  @Override
  public void setDate(int parameterIndex, Date x, java.util.Calendar calendar) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setDate(parameterIndex, x, calendar);
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setDate(parameterIndex, x);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setDouble(parameterIndex, x);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setFloat(parameterIndex, x);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setInt(parameterIndex, x);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setLong(parameterIndex, x);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, java.io.Reader x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setNCharacterStream(parameterIndex, x, value2);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, java.io.Reader x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setNCharacterStream(parameterIndex, x);
  }

  @Override
  public void setNClob(int parameterIndex, java.io.Reader x, long value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setNClob(parameterIndex, x, value2);
  }

  @Override
  public void setNClob(int parameterIndex, java.io.Reader x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setNClob(parameterIndex, x);
  }

  @Override
  public void setNClob(int parameterIndex, NClob x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setNClob(parameterIndex, x);
  }

  @Override
  public void setNString(int parameterIndex, String x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setNString(parameterIndex, x);
  }

  @Override
  public void setNull(int parameterIndex, int x, String string) throws SQLException {
    parameter(parameterIndex, null);
    prepared.setNull(parameterIndex, x, string);
  }

  @Override
  public void setNull(int parameterIndex, int x) throws SQLException {
    parameter(parameterIndex, null);
    prepared.setNull(parameterIndex, x);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int value2, int value3) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setObject(parameterIndex, x, value2, value3);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setObject(parameterIndex, x, value2);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType sQLType, int value3) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setObject(parameterIndex, x, sQLType, value3);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType sQLType) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setObject(parameterIndex, x, sQLType);
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setObject(parameterIndex, x);
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setRef(parameterIndex, x);
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setRowId(parameterIndex, x);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setSQLXML(parameterIndex, x);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    if (parameters != null) {
      parameter(parameterIndex, x);
    }
    prepared.setShort(parameterIndex, x);
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setString(parameterIndex, x);
  }

  @Override
  public void setTime(int parameterIndex, Time x, java.util.Calendar calendar) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setTime(parameterIndex, x, calendar);
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setTime(parameterIndex, x);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, java.util.Calendar calendar) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setTimestamp(parameterIndex, x, calendar);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setTimestamp(parameterIndex, x);
  }

  @Override
  public void setURL(int parameterIndex, java.net.URL x) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setURL(parameterIndex, x);
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public void setUnicodeStream(int parameterIndex, java.io.InputStream x, int value2) throws SQLException {
    parameter(parameterIndex, x);
    prepared.setUnicodeStream(parameterIndex, x, value2);
  }
}
