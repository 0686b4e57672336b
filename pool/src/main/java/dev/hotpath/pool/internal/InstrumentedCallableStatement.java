package dev.hotpath.pool.internal;

import java.sql.*;

/** A {@link CallableStatement}: timed like a prepared statement, everything else delegated. */
public final class InstrumentedCallableStatement extends InstrumentedPreparedStatement
    implements CallableStatement {

  private final CallableStatement callable;

  InstrumentedCallableStatement(CallableStatement callable, InstrumentedConnection connection,
      StatementShape shape) {
    super(callable, connection, shape);
    this.callable = callable;
  }

  @Override
  public Array getArray(String parameterName) throws SQLException {
    return callable.getArray(parameterName);
  }

  @Override
  public Array getArray(int parameterIndex) throws SQLException {
    return callable.getArray(parameterIndex);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String parameterName) throws SQLException {
    return callable.getBigDecimal(parameterName);
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public java.math.BigDecimal getBigDecimal(int parameterIndex, int value1) throws SQLException {
    return callable.getBigDecimal(parameterIndex, value1);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
    return callable.getBigDecimal(parameterIndex);
  }

  @Override
  public Blob getBlob(String parameterName) throws SQLException {
    return callable.getBlob(parameterName);
  }

  @Override
  public Blob getBlob(int parameterIndex) throws SQLException {
    return callable.getBlob(parameterIndex);
  }

  @Override
  public boolean getBoolean(String parameterName) throws SQLException {
    return callable.getBoolean(parameterName);
  }

  @Override
  public boolean getBoolean(int parameterIndex) throws SQLException {
    return callable.getBoolean(parameterIndex);
  }

  @Override
  public byte getByte(String parameterName) throws SQLException {
    return callable.getByte(parameterName);
  }

  @Override
  public byte getByte(int parameterIndex) throws SQLException {
    return callable.getByte(parameterIndex);
  }

  @Override
  public byte[] getBytes(String parameterName) throws SQLException {
    return callable.getBytes(parameterName);
  }

  @Override
  public byte[] getBytes(int parameterIndex) throws SQLException {
    return callable.getBytes(parameterIndex);
  }

  @Override
  public java.io.Reader getCharacterStream(String parameterName) throws SQLException {
    return callable.getCharacterStream(parameterName);
  }

  @Override
  public java.io.Reader getCharacterStream(int parameterIndex) throws SQLException {
    return callable.getCharacterStream(parameterIndex);
  }

  @Override
  public Clob getClob(String parameterName) throws SQLException {
    return callable.getClob(parameterName);
  }

  @Override
  public Clob getClob(int parameterIndex) throws SQLException {
    return callable.getClob(parameterIndex);
  }

  @Override
  public Date getDate(String parameterName, java.util.Calendar calendar) throws SQLException {
    return callable.getDate(parameterName, calendar);
  }

  @Override
  public Date getDate(String parameterName) throws SQLException {
    return callable.getDate(parameterName);
  }

  @Override
  public Date getDate(int parameterIndex, java.util.Calendar calendar) throws SQLException {
    return callable.getDate(parameterIndex, calendar);
  }

  @Override
  public Date getDate(int parameterIndex) throws SQLException {
    return callable.getDate(parameterIndex);
  }

  @Override
  public double getDouble(String parameterName) throws SQLException {
    return callable.getDouble(parameterName);
  }

  @Override
  public double getDouble(int parameterIndex) throws SQLException {
    return callable.getDouble(parameterIndex);
  }

  @Override
  public float getFloat(String parameterName) throws SQLException {
    return callable.getFloat(parameterName);
  }

  @Override
  public float getFloat(int parameterIndex) throws SQLException {
    return callable.getFloat(parameterIndex);
  }

  @Override
  public int getInt(String parameterName) throws SQLException {
    return callable.getInt(parameterName);
  }

  @Override
  public int getInt(int parameterIndex) throws SQLException {
    return callable.getInt(parameterIndex);
  }

  @Override
  public long getLong(String parameterName) throws SQLException {
    return callable.getLong(parameterName);
  }

  @Override
  public long getLong(int parameterIndex) throws SQLException {
    return callable.getLong(parameterIndex);
  }

  @Override
  public java.io.Reader getNCharacterStream(String parameterName) throws SQLException {
    return callable.getNCharacterStream(parameterName);
  }

  @Override
  public java.io.Reader getNCharacterStream(int parameterIndex) throws SQLException {
    return callable.getNCharacterStream(parameterIndex);
  }

  @Override
  public NClob getNClob(String parameterName) throws SQLException {
    return callable.getNClob(parameterName);
  }

  @Override
  public NClob getNClob(int parameterIndex) throws SQLException {
    return callable.getNClob(parameterIndex);
  }

  @Override
  public String getNString(String parameterName) throws SQLException {
    return callable.getNString(parameterName);
  }

  @Override
  public String getNString(int parameterIndex) throws SQLException {
    return callable.getNString(parameterIndex);
  }

  @Override
  public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
    return callable.getObject(parameterName, type);
  }

  @Override
  public Object getObject(String parameterName, java.util.Map<String, Class<?>> map) throws SQLException {
    return callable.getObject(parameterName, map);
  }

  @Override
  public Object getObject(String parameterName) throws SQLException {
    return callable.getObject(parameterName);
  }

  @Override
  public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
    return callable.getObject(parameterIndex, type);
  }

  @Override
  public Object getObject(int parameterIndex, java.util.Map<String, Class<?>> map) throws SQLException {
    return callable.getObject(parameterIndex, map);
  }

  @Override
  public Object getObject(int parameterIndex) throws SQLException {
    return callable.getObject(parameterIndex);
  }

  @Override
  public Ref getRef(String parameterName) throws SQLException {
    return callable.getRef(parameterName);
  }

  @Override
  public Ref getRef(int parameterIndex) throws SQLException {
    return callable.getRef(parameterIndex);
  }

  @Override
  public RowId getRowId(String parameterName) throws SQLException {
    return callable.getRowId(parameterName);
  }

  @Override
  public RowId getRowId(int parameterIndex) throws SQLException {
    return callable.getRowId(parameterIndex);
  }

  @Override
  public SQLXML getSQLXML(String parameterName) throws SQLException {
    return callable.getSQLXML(parameterName);
  }

  @Override
  public SQLXML getSQLXML(int parameterIndex) throws SQLException {
    return callable.getSQLXML(parameterIndex);
  }

  @Override
  public short getShort(String parameterName) throws SQLException {
    return callable.getShort(parameterName);
  }

  @Override
  public short getShort(int parameterIndex) throws SQLException {
    return callable.getShort(parameterIndex);
  }

  @Override
  public String getString(String parameterName) throws SQLException {
    return callable.getString(parameterName);
  }

  @Override
  public String getString(int parameterIndex) throws SQLException {
    return callable.getString(parameterIndex);
  }

  @Override
  public Time getTime(String parameterName, java.util.Calendar calendar) throws SQLException {
    return callable.getTime(parameterName, calendar);
  }

  @Override
  public Time getTime(String parameterName) throws SQLException {
    return callable.getTime(parameterName);
  }

  @Override
  public Time getTime(int parameterIndex, java.util.Calendar calendar) throws SQLException {
    return callable.getTime(parameterIndex, calendar);
  }

  @Override
  public Time getTime(int parameterIndex) throws SQLException {
    return callable.getTime(parameterIndex);
  }

  @Override
  public Timestamp getTimestamp(String parameterName, java.util.Calendar calendar) throws SQLException {
    return callable.getTimestamp(parameterName, calendar);
  }

  @Override
  public Timestamp getTimestamp(String parameterName) throws SQLException {
    return callable.getTimestamp(parameterName);
  }

  @Override
  public Timestamp getTimestamp(int parameterIndex, java.util.Calendar calendar) throws SQLException {
    return callable.getTimestamp(parameterIndex, calendar);
  }

  @Override
  public Timestamp getTimestamp(int parameterIndex) throws SQLException {
    return callable.getTimestamp(parameterIndex);
  }

  @Override
  public java.net.URL getURL(String parameterName) throws SQLException {
    return callable.getURL(parameterName);
  }

  @Override
  public java.net.URL getURL(int parameterIndex) throws SQLException {
    return callable.getURL(parameterIndex);
  }

  @Override
  public void registerOutParameter(String parameterName, int value, String string2) throws SQLException {
    callable.registerOutParameter(parameterName, value, string2);
  }

  @Override
  public void registerOutParameter(String parameterName, int value1, int value2) throws SQLException {
    callable.registerOutParameter(parameterName, value1, value2);
  }

  @Override
  public void registerOutParameter(String parameterName, int value) throws SQLException {
    callable.registerOutParameter(parameterName, value);
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sQLType, String string2) throws SQLException {
    callable.registerOutParameter(parameterName, sQLType, string2);
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sQLType, int value) throws SQLException {
    callable.registerOutParameter(parameterName, sQLType, value);
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sQLType) throws SQLException {
    callable.registerOutParameter(parameterName, sQLType);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int value1, String string) throws SQLException {
    callable.registerOutParameter(parameterIndex, value1, string);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int value1, int value2) throws SQLException {
    callable.registerOutParameter(parameterIndex, value1, value2);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int value1) throws SQLException {
    callable.registerOutParameter(parameterIndex, value1);
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sQLType, String string) throws SQLException {
    callable.registerOutParameter(parameterIndex, sQLType, string);
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sQLType, int value2) throws SQLException {
    callable.registerOutParameter(parameterIndex, sQLType, value2);
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sQLType) throws SQLException {
    callable.registerOutParameter(parameterIndex, sQLType);
  }

  @Override
  public void setAsciiStream(String parameterName, java.io.InputStream inputStream, int value) throws SQLException {
    callable.setAsciiStream(parameterName, inputStream, value);
  }

  @Override
  public void setAsciiStream(String parameterName, java.io.InputStream inputStream, long value) throws SQLException {
    callable.setAsciiStream(parameterName, inputStream, value);
  }

  @Override
  public void setAsciiStream(String parameterName, java.io.InputStream inputStream) throws SQLException {
    callable.setAsciiStream(parameterName, inputStream);
  }

  @Override
  public void setBigDecimal(String parameterName, java.math.BigDecimal bigDecimal) throws SQLException {
    callable.setBigDecimal(parameterName, bigDecimal);
  }

  @Override
  public void setBinaryStream(String parameterName, java.io.InputStream inputStream, int value) throws SQLException {
    callable.setBinaryStream(parameterName, inputStream, value);
  }

  @Override
  public void setBinaryStream(String parameterName, java.io.InputStream inputStream, long value) throws SQLException {
    callable.setBinaryStream(parameterName, inputStream, value);
  }

  @Override
  public void setBinaryStream(String parameterName, java.io.InputStream inputStream) throws SQLException {
    callable.setBinaryStream(parameterName, inputStream);
  }

  @Override
  public void setBlob(String parameterName, java.io.InputStream inputStream, long value) throws SQLException {
    callable.setBlob(parameterName, inputStream, value);
  }

  @Override
  public void setBlob(String parameterName, java.io.InputStream inputStream) throws SQLException {
    callable.setBlob(parameterName, inputStream);
  }

  @Override
  public void setBlob(String parameterName, Blob blob) throws SQLException {
    callable.setBlob(parameterName, blob);
  }

  @Override
  public void setBoolean(String parameterName, boolean value) throws SQLException {
    callable.setBoolean(parameterName, value);
  }

  @Override
  public void setByte(String parameterName, byte value) throws SQLException {
    callable.setByte(parameterName, value);
  }

  @Override
  public void setBytes(String parameterName, byte[] bytes) throws SQLException {
    callable.setBytes(parameterName, bytes);
  }

  @Override
  public void setCharacterStream(String parameterName, java.io.Reader reader, int value) throws SQLException {
    callable.setCharacterStream(parameterName, reader, value);
  }

  @Override
  public void setCharacterStream(String parameterName, java.io.Reader reader, long value) throws SQLException {
    callable.setCharacterStream(parameterName, reader, value);
  }

  @Override
  public void setCharacterStream(String parameterName, java.io.Reader reader) throws SQLException {
    callable.setCharacterStream(parameterName, reader);
  }

  @Override
  public void setClob(String parameterName, java.io.Reader reader, long value) throws SQLException {
    callable.setClob(parameterName, reader, value);
  }

  @Override
  public void setClob(String parameterName, java.io.Reader reader) throws SQLException {
    callable.setClob(parameterName, reader);
  }

  @Override
  public void setClob(String parameterName, Clob clob) throws SQLException {
    callable.setClob(parameterName, clob);
  }

  @Override
  public void setDate(String parameterName, Date date, java.util.Calendar calendar) throws SQLException {
    callable.setDate(parameterName, date, calendar);
  }

  @Override
  public void setDate(String parameterName, Date date) throws SQLException {
    callable.setDate(parameterName, date);
  }

  @Override
  public void setDouble(String parameterName, double value) throws SQLException {
    callable.setDouble(parameterName, value);
  }

  @Override
  public void setFloat(String parameterName, float value) throws SQLException {
    callable.setFloat(parameterName, value);
  }

  @Override
  public void setInt(String parameterName, int value) throws SQLException {
    callable.setInt(parameterName, value);
  }

  @Override
  public void setLong(String parameterName, long value) throws SQLException {
    callable.setLong(parameterName, value);
  }

  @Override
  public void setNCharacterStream(String parameterName, java.io.Reader reader, long value) throws SQLException {
    callable.setNCharacterStream(parameterName, reader, value);
  }

  @Override
  public void setNCharacterStream(String parameterName, java.io.Reader reader) throws SQLException {
    callable.setNCharacterStream(parameterName, reader);
  }

  @Override
  public void setNClob(String parameterName, java.io.Reader reader, long value) throws SQLException {
    callable.setNClob(parameterName, reader, value);
  }

  @Override
  public void setNClob(String parameterName, java.io.Reader reader) throws SQLException {
    callable.setNClob(parameterName, reader);
  }

  @Override
  public void setNClob(String parameterName, NClob nClob) throws SQLException {
    callable.setNClob(parameterName, nClob);
  }

  @Override
  public void setNString(String parameterName, String string1) throws SQLException {
    callable.setNString(parameterName, string1);
  }

  @Override
  public void setNull(String parameterName, int value, String string2) throws SQLException {
    callable.setNull(parameterName, value, string2);
  }

  @Override
  public void setNull(String parameterName, int value) throws SQLException {
    callable.setNull(parameterName, value);
  }

  @Override
  public void setObject(String parameterName, Object object, int value2, int value3) throws SQLException {
    callable.setObject(parameterName, object, value2, value3);
  }

  @Override
  public void setObject(String parameterName, Object object, int value) throws SQLException {
    callable.setObject(parameterName, object, value);
  }

  @Override
  public void setObject(String parameterName, Object object, SQLType sQLType, int value) throws SQLException {
    callable.setObject(parameterName, object, sQLType, value);
  }

  @Override
  public void setObject(String parameterName, Object object, SQLType sQLType) throws SQLException {
    callable.setObject(parameterName, object, sQLType);
  }

  @Override
  public void setObject(String parameterName, Object object) throws SQLException {
    callable.setObject(parameterName, object);
  }

  @Override
  public void setRowId(String parameterName, RowId rowId) throws SQLException {
    callable.setRowId(parameterName, rowId);
  }

  @Override
  public void setSQLXML(String parameterName, SQLXML sQLXML) throws SQLException {
    callable.setSQLXML(parameterName, sQLXML);
  }

  @Override
  public void setShort(String parameterName, short value) throws SQLException {
    callable.setShort(parameterName, value);
  }

  @Override
  public void setString(String parameterName, String string1) throws SQLException {
    callable.setString(parameterName, string1);
  }

  @Override
  public void setTime(String parameterName, Time time, java.util.Calendar calendar) throws SQLException {
    callable.setTime(parameterName, time, calendar);
  }

  @Override
  public void setTime(String parameterName, Time time) throws SQLException {
    callable.setTime(parameterName, time);
  }

  @Override
  public void setTimestamp(String parameterName, Timestamp timestamp, java.util.Calendar calendar) throws SQLException {
    callable.setTimestamp(parameterName, timestamp, calendar);
  }

  @Override
  public void setTimestamp(String parameterName, Timestamp timestamp) throws SQLException {
    callable.setTimestamp(parameterName, timestamp);
  }

  @Override
  public void setURL(String parameterName, java.net.URL uRL) throws SQLException {
    callable.setURL(parameterName, uRL);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return callable.wasNull();
  }
}
