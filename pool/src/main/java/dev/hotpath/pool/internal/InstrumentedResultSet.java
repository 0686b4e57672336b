package dev.hotpath.pool.internal;

import java.sql.*;

/**
 * A {@link ResultSet} that only reports the wrapping statement from {@link #getStatement()};
 * every other method delegates unchanged. A result set from {@link java.sql.DatabaseMetaData}
 * has no wrapping statement of its own: the driver's (or pool's) statement behind it is wrapped
 * on first request, so that its {@code getConnection()} returns the wrapping connection too.
 */
public final class InstrumentedResultSet implements ResultSet {

  private final ResultSet delegate;
  private final InstrumentedConnection connection;
  // Set at construction for a statement's result set; on first getStatement() for metadata's.
  private InstrumentedStatement statement;

  InstrumentedResultSet(ResultSet delegate, InstrumentedStatement statement) {
    this.delegate = delegate;
    this.connection = statement.connection;
    this.statement = statement;
  }

  /**
   * Wraps a result set of database metadata.
   *
   * @param delegate the driver's or pool's result set, or null
   * @param connection the wrapping connection the metadata came from
   * @return the wrapper, or null when {@code delegate} is null
   */
  static ResultSet ofMetaData(ResultSet delegate, InstrumentedConnection connection) {
    return delegate == null ? null : new InstrumentedResultSet(delegate, connection);
  }

  private InstrumentedResultSet(ResultSet delegate, InstrumentedConnection connection) {
    this.delegate = delegate;
    this.connection = connection;
  }

  @Override
  public Statement getStatement() throws SQLException {
    Statement real = delegate.getStatement();
    if (real == null) {
      return null;
    }
    if (statement == null) {
      // Result sets are used by one thread at a time (JDBC); a race would only make two wrappers.
      statement = new InstrumentedStatement(real, connection);
    }
    return statement;
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
  public boolean absolute(int value) throws SQLException {
    return delegate.absolute(value);
  }

  @Override
  public void afterLast() throws SQLException {
    delegate.afterLast();
  }

  @Override
  public void beforeFirst() throws SQLException {
    delegate.beforeFirst();
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    delegate.cancelRowUpdates();
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
  public void deleteRow() throws SQLException {
    delegate.deleteRow();
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    return delegate.findColumn(columnLabel);
  }

  @Override
  public boolean first() throws SQLException {
    return delegate.first();
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return delegate.getArray(columnLabel);
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    return delegate.getArray(columnIndex);
  }

  @Override
  public java.io.InputStream getAsciiStream(String columnLabel) throws SQLException {
    return delegate.getAsciiStream(columnLabel);
  }

  @Override
  public java.io.InputStream getAsciiStream(int columnIndex) throws SQLException {
    return delegate.getAsciiStream(columnIndex);
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public java.math.BigDecimal getBigDecimal(String columnLabel, int value) throws SQLException {
    return delegate.getBigDecimal(columnLabel, value);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return delegate.getBigDecimal(columnLabel);
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex, int value1) throws SQLException {
    return delegate.getBigDecimal(columnIndex, value1);
  }

  @Override
  public java.math.BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return delegate.getBigDecimal(columnIndex);
  }

  @Override
  public java.io.InputStream getBinaryStream(String columnLabel) throws SQLException {
    return delegate.getBinaryStream(columnLabel);
  }

  @Override
  public java.io.InputStream getBinaryStream(int columnIndex) throws SQLException {
    return delegate.getBinaryStream(columnIndex);
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    return delegate.getBlob(columnLabel);
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    return delegate.getBlob(columnIndex);
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return delegate.getBoolean(columnLabel);
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return delegate.getBoolean(columnIndex);
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return delegate.getByte(columnLabel);
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return delegate.getByte(columnIndex);
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return delegate.getBytes(columnLabel);
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    return delegate.getBytes(columnIndex);
  }

  @Override
  public java.io.Reader getCharacterStream(String columnLabel) throws SQLException {
    return delegate.getCharacterStream(columnLabel);
  }

  @Override
  public java.io.Reader getCharacterStream(int columnIndex) throws SQLException {
    return delegate.getCharacterStream(columnIndex);
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    return delegate.getClob(columnLabel);
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    return delegate.getClob(columnIndex);
  }

  @Override
  public int getConcurrency() throws SQLException {
    return delegate.getConcurrency();
  }

  @Override
  public String getCursorName() throws SQLException {
    return delegate.getCursorName();
  }

  @Override
  public Date getDate(String columnLabel, java.util.Calendar calendar) throws SQLException {
    return delegate.getDate(columnLabel, calendar);
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return delegate.getDate(columnLabel);
  }

  @Override
  public Date getDate(int columnIndex, java.util.Calendar calendar) throws SQLException {
    return delegate.getDate(columnIndex, calendar);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return delegate.getDate(columnIndex);
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return delegate.getDouble(columnLabel);
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return delegate.getDouble(columnIndex);
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
  public float getFloat(String columnLabel) throws SQLException {
    return delegate.getFloat(columnLabel);
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return delegate.getFloat(columnIndex);
  }

  @Override
  public int getHoldability() throws SQLException {
    return delegate.getHoldability();
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return delegate.getInt(columnLabel);
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return delegate.getInt(columnIndex);
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return delegate.getLong(columnLabel);
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return delegate.getLong(columnIndex);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return delegate.getMetaData();
  }

  @Override
  public java.io.Reader getNCharacterStream(String columnLabel) throws SQLException {
    return delegate.getNCharacterStream(columnLabel);
  }

  @Override
  public java.io.Reader getNCharacterStream(int columnIndex) throws SQLException {
    return delegate.getNCharacterStream(columnIndex);
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    return delegate.getNClob(columnLabel);
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    return delegate.getNClob(columnIndex);
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return delegate.getNString(columnLabel);
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return delegate.getNString(columnIndex);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return delegate.getObject(columnLabel, type);
  }

  @Override
  public Object getObject(String columnLabel, java.util.Map<String, Class<?>> map) throws SQLException {
    return delegate.getObject(columnLabel, map);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return delegate.getObject(columnLabel);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return delegate.getObject(columnIndex, type);
  }

  @Override
  public Object getObject(int columnIndex, java.util.Map<String, Class<?>> map) throws SQLException {
    return delegate.getObject(columnIndex, map);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return delegate.getObject(columnIndex);
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    return delegate.getRef(columnLabel);
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    return delegate.getRef(columnIndex);
  }

  @Override
  public int getRow() throws SQLException {
    return delegate.getRow();
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    return delegate.getRowId(columnLabel);
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    return delegate.getRowId(columnIndex);
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    return delegate.getSQLXML(columnLabel);
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    return delegate.getSQLXML(columnIndex);
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return delegate.getShort(columnLabel);
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return delegate.getShort(columnIndex);
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return delegate.getString(columnLabel);
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return delegate.getString(columnIndex);
  }

  @Override
  public Time getTime(String columnLabel, java.util.Calendar calendar) throws SQLException {
    return delegate.getTime(columnLabel, calendar);
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return delegate.getTime(columnLabel);
  }

  @Override
  public Time getTime(int columnIndex, java.util.Calendar calendar) throws SQLException {
    return delegate.getTime(columnIndex, calendar);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return delegate.getTime(columnIndex);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, java.util.Calendar calendar) throws SQLException {
    return delegate.getTimestamp(columnLabel, calendar);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return delegate.getTimestamp(columnLabel);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, java.util.Calendar calendar) throws SQLException {
    return delegate.getTimestamp(columnIndex, calendar);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return delegate.getTimestamp(columnIndex);
  }

  @Override
  public int getType() throws SQLException {
    return delegate.getType();
  }

  @Override
  public java.net.URL getURL(String columnLabel) throws SQLException {
    return delegate.getURL(columnLabel);
  }

  @Override
  public java.net.URL getURL(int columnIndex) throws SQLException {
    return delegate.getURL(columnIndex);
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public java.io.InputStream getUnicodeStream(String columnLabel) throws SQLException {
    return delegate.getUnicodeStream(columnLabel);
  }

  @Deprecated
  @SuppressWarnings("deprecation")
  @Override
  public java.io.InputStream getUnicodeStream(int columnIndex) throws SQLException {
    return delegate.getUnicodeStream(columnIndex);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return delegate.getWarnings();
  }

  @Override
  public void insertRow() throws SQLException {
    delegate.insertRow();
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    return delegate.isAfterLast();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    return delegate.isBeforeFirst();
  }

  @Override
  public boolean isClosed() throws SQLException {
    return delegate.isClosed();
  }

  @Override
  public boolean isFirst() throws SQLException {
    return delegate.isFirst();
  }

  @Override
  public boolean isLast() throws SQLException {
    return delegate.isLast();
  }

  @Override
  public boolean last() throws SQLException {
    return delegate.last();
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    delegate.moveToCurrentRow();
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    delegate.moveToInsertRow();
  }

  @Override
  public boolean next() throws SQLException {
    return delegate.next();
  }

  @Override
  public boolean previous() throws SQLException {
    return delegate.previous();
  }

  @Override
  public void refreshRow() throws SQLException {
    delegate.refreshRow();
  }

  @Override
  public boolean relative(int value) throws SQLException {
    return delegate.relative(value);
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return delegate.rowDeleted();
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return delegate.rowInserted();
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return delegate.rowUpdated();
  }

  @Override
  public void setFetchDirection(int columnIndex) throws SQLException {
    delegate.setFetchDirection(columnIndex);
  }

  @Override
  public void setFetchSize(int columnIndex) throws SQLException {
    delegate.setFetchSize(columnIndex);
  }

  @Override
  public void updateArray(String columnLabel, Array array) throws SQLException {
    delegate.updateArray(columnLabel, array);
  }

  @Override
  public void updateArray(int columnIndex, Array array) throws SQLException {
    delegate.updateArray(columnIndex, array);
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream inputStream, int value) throws SQLException {
    delegate.updateAsciiStream(columnLabel, inputStream, value);
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream inputStream, long value) throws SQLException {
    delegate.updateAsciiStream(columnLabel, inputStream, value);
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream inputStream) throws SQLException {
    delegate.updateAsciiStream(columnLabel, inputStream);
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream inputStream, int value2) throws SQLException {
    delegate.updateAsciiStream(columnIndex, inputStream, value2);
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream inputStream, long value2) throws SQLException {
    delegate.updateAsciiStream(columnIndex, inputStream, value2);
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream inputStream) throws SQLException {
    delegate.updateAsciiStream(columnIndex, inputStream);
  }

  @Override
  public void updateBigDecimal(String columnLabel, java.math.BigDecimal bigDecimal) throws SQLException {
    delegate.updateBigDecimal(columnLabel, bigDecimal);
  }

  @Override
  public void updateBigDecimal(int columnIndex, java.math.BigDecimal bigDecimal) throws SQLException {
    delegate.updateBigDecimal(columnIndex, bigDecimal);
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream inputStream, int value) throws SQLException {
    delegate.updateBinaryStream(columnLabel, inputStream, value);
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream inputStream, long value) throws SQLException {
    delegate.updateBinaryStream(columnLabel, inputStream, value);
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream inputStream) throws SQLException {
    delegate.updateBinaryStream(columnLabel, inputStream);
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream inputStream, int value2) throws SQLException {
    delegate.updateBinaryStream(columnIndex, inputStream, value2);
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream inputStream, long value2) throws SQLException {
    delegate.updateBinaryStream(columnIndex, inputStream, value2);
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream inputStream) throws SQLException {
    delegate.updateBinaryStream(columnIndex, inputStream);
  }

  @Override
  public void updateBlob(String columnLabel, java.io.InputStream inputStream, long value) throws SQLException {
    delegate.updateBlob(columnLabel, inputStream, value);
  }

  @Override
  public void updateBlob(String columnLabel, java.io.InputStream inputStream) throws SQLException {
    delegate.updateBlob(columnLabel, inputStream);
  }

  @Override
  public void updateBlob(String columnLabel, Blob blob) throws SQLException {
    delegate.updateBlob(columnLabel, blob);
  }

  @Override
  public void updateBlob(int columnIndex, java.io.InputStream inputStream, long value2) throws SQLException {
    delegate.updateBlob(columnIndex, inputStream, value2);
  }

  @Override
  public void updateBlob(int columnIndex, java.io.InputStream inputStream) throws SQLException {
    delegate.updateBlob(columnIndex, inputStream);
  }

  @Override
  public void updateBlob(int columnIndex, Blob blob) throws SQLException {
    delegate.updateBlob(columnIndex, blob);
  }

  @Override
  public void updateBoolean(String columnLabel, boolean value) throws SQLException {
    delegate.updateBoolean(columnLabel, value);
  }

  @Override
  public void updateBoolean(int columnIndex, boolean value1) throws SQLException {
    delegate.updateBoolean(columnIndex, value1);
  }

  @Override
  public void updateByte(String columnLabel, byte value) throws SQLException {
    delegate.updateByte(columnLabel, value);
  }

  @Override
  public void updateByte(int columnIndex, byte value1) throws SQLException {
    delegate.updateByte(columnIndex, value1);
  }

  @Override
  public void updateBytes(String columnLabel, byte[] bytes) throws SQLException {
    delegate.updateBytes(columnLabel, bytes);
  }

  @Override
  public void updateBytes(int columnIndex, byte[] bytes) throws SQLException {
    delegate.updateBytes(columnIndex, bytes);
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader reader, int value) throws SQLException {
    delegate.updateCharacterStream(columnLabel, reader, value);
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader reader, long value) throws SQLException {
    delegate.updateCharacterStream(columnLabel, reader, value);
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader reader) throws SQLException {
    delegate.updateCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader reader, int value2) throws SQLException {
    delegate.updateCharacterStream(columnIndex, reader, value2);
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader reader, long value2) throws SQLException {
    delegate.updateCharacterStream(columnIndex, reader, value2);
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader reader) throws SQLException {
    delegate.updateCharacterStream(columnIndex, reader);
  }

  @Override
  public void updateClob(String columnLabel, java.io.Reader reader, long value) throws SQLException {
    delegate.updateClob(columnLabel, reader, value);
  }

  @Override
  public void updateClob(String columnLabel, java.io.Reader reader) throws SQLException {
    delegate.updateClob(columnLabel, reader);
  }

  @Override
  public void updateClob(String columnLabel, Clob clob) throws SQLException {
    delegate.updateClob(columnLabel, clob);
  }

  @Override
  public void updateClob(int columnIndex, java.io.Reader reader, long value2) throws SQLException {
    delegate.updateClob(columnIndex, reader, value2);
  }

  @Override
  public void updateClob(int columnIndex, java.io.Reader reader) throws SQLException {
    delegate.updateClob(columnIndex, reader);
  }

  @Override
  public void updateClob(int columnIndex, Clob clob) throws SQLException {
    delegate.updateClob(columnIndex, clob);
  }

  @Override
  public void updateDate(String columnLabel, Date date) throws SQLException {
    delegate.updateDate(columnLabel, date);
  }

  @Override
  public void updateDate(int columnIndex, Date date) throws SQLException {
    delegate.updateDate(columnIndex, date);
  }

  @Override
  public void updateDouble(String columnLabel, double value) throws SQLException {
    delegate.updateDouble(columnLabel, value);
  }

  @Override
  public void updateDouble(int columnIndex, double value1) throws SQLException {
    delegate.updateDouble(columnIndex, value1);
  }

  @Override
  public void updateFloat(String columnLabel, float value) throws SQLException {
    delegate.updateFloat(columnLabel, value);
  }

  @Override
  public void updateFloat(int columnIndex, float value1) throws SQLException {
    delegate.updateFloat(columnIndex, value1);
  }

  @Override
  public void updateInt(String columnLabel, int value) throws SQLException {
    delegate.updateInt(columnLabel, value);
  }

  @Override
  public void updateInt(int columnIndex, int value1) throws SQLException {
    delegate.updateInt(columnIndex, value1);
  }

  @Override
  public void updateLong(String columnLabel, long value) throws SQLException {
    delegate.updateLong(columnLabel, value);
  }

  @Override
  public void updateLong(int columnIndex, long value1) throws SQLException {
    delegate.updateLong(columnIndex, value1);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, java.io.Reader reader, long value) throws SQLException {
    delegate.updateNCharacterStream(columnLabel, reader, value);
  }

  @Override
  public void updateNCharacterStream(String columnLabel, java.io.Reader reader) throws SQLException {
    delegate.updateNCharacterStream(columnLabel, reader);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, java.io.Reader reader, long value2) throws SQLException {
    delegate.updateNCharacterStream(columnIndex, reader, value2);
  }

  @Override
  public void updateNCharacterStream(int columnIndex, java.io.Reader reader) throws SQLException {
    delegate.updateNCharacterStream(columnIndex, reader);
  }

  @Override
  public void updateNClob(String columnLabel, java.io.Reader reader, long value) throws SQLException {
    delegate.updateNClob(columnLabel, reader, value);
  }

  @Override
  public void updateNClob(String columnLabel, java.io.Reader reader) throws SQLException {
    delegate.updateNClob(columnLabel, reader);
  }

  @Override
  public void updateNClob(String columnLabel, NClob nClob) throws SQLException {
    delegate.updateNClob(columnLabel, nClob);
  }

  @Override
  public void updateNClob(int columnIndex, java.io.Reader reader, long value2) throws SQLException {
    delegate.updateNClob(columnIndex, reader, value2);
  }

  @Override
  public void updateNClob(int columnIndex, java.io.Reader reader) throws SQLException {
    delegate.updateNClob(columnIndex, reader);
  }

  @Override
  public void updateNClob(int columnIndex, NClob nClob) throws SQLException {
    delegate.updateNClob(columnIndex, nClob);
  }

  @Override
  public void updateNString(String columnLabel, String string1) throws SQLException {
    delegate.updateNString(columnLabel, string1);
  }

  @Override
  public void updateNString(int columnIndex, String string) throws SQLException {
    delegate.updateNString(columnIndex, string);
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    delegate.updateNull(columnLabel);
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    delegate.updateNull(columnIndex);
  }

  @Override
  public void updateObject(String columnLabel, Object object, int value) throws SQLException {
    delegate.updateObject(columnLabel, object, value);
  }

  @Override
  public void updateObject(String columnLabel, Object object, SQLType sQLType, int value) throws SQLException {
    delegate.updateObject(columnLabel, object, sQLType, value);
  }

  @Override
  public void updateObject(String columnLabel, Object object, SQLType sQLType) throws SQLException {
    delegate.updateObject(columnLabel, object, sQLType);
  }

  @Override
  public void updateObject(String columnLabel, Object object) throws SQLException {
    delegate.updateObject(columnLabel, object);
  }

  @Override
  public void updateObject(int columnIndex, Object object, int value2) throws SQLException {
    delegate.updateObject(columnIndex, object, value2);
  }

  @Override
  public void updateObject(int columnIndex, Object object, SQLType sQLType, int value3) throws SQLException {
    delegate.updateObject(columnIndex, object, sQLType, value3);
  }

  @Override
  public void updateObject(int columnIndex, Object object, SQLType sQLType) throws SQLException {
    delegate.updateObject(columnIndex, object, sQLType);
  }

  @Override
  public void updateObject(int columnIndex, Object object) throws SQLException {
    delegate.updateObject(columnIndex, object);
  }

  @Override
  public void updateRef(String columnLabel, Ref ref) throws SQLException {
    delegate.updateRef(columnLabel, ref);
  }

  @Override
  public void updateRef(int columnIndex, Ref ref) throws SQLException {
    delegate.updateRef(columnIndex, ref);
  }

  @Override
  public void updateRow() throws SQLException {
    delegate.updateRow();
  }

  @Override
  public void updateRowId(String columnLabel, RowId rowId) throws SQLException {
    delegate.updateRowId(columnLabel, rowId);
  }

  @Override
  public void updateRowId(int columnIndex, RowId rowId) throws SQLException {
    delegate.updateRowId(columnIndex, rowId);
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML sQLXML) throws SQLException {
    delegate.updateSQLXML(columnLabel, sQLXML);
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML sQLXML) throws SQLException {
    delegate.updateSQLXML(columnIndex, sQLXML);
  }

  @Override
  public void updateShort(String columnLabel, short value) throws SQLException {
    delegate.updateShort(columnLabel, value);
  }

  @Override
  public void updateShort(int columnIndex, short value1) throws SQLException {
    delegate.updateShort(columnIndex, value1);
  }

  @Override
  public void updateString(String columnLabel, String string1) throws SQLException {
    delegate.updateString(columnLabel, string1);
  }

  @Override
  public void updateString(int columnIndex, String string) throws SQLException {
    delegate.updateString(columnIndex, string);
  }

  @Override
  public void updateTime(String columnLabel, Time time) throws SQLException {
    delegate.updateTime(columnLabel, time);
  }

  @Override
  public void updateTime(int columnIndex, Time time) throws SQLException {
    delegate.updateTime(columnIndex, time);
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp timestamp) throws SQLException {
    delegate.updateTimestamp(columnLabel, timestamp);
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp timestamp) throws SQLException {
    delegate.updateTimestamp(columnIndex, timestamp);
  }

  @Override
  public boolean wasNull() throws SQLException {
    return delegate.wasNull();
  }
}
