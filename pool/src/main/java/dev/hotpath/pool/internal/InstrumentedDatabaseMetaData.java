package dev.hotpath.pool.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * {@link DatabaseMetaData} whose {@link #getConnection()} returns the wrapping connection, as the
 * JDBC contract expects, and whose result sets come back wrapped so that their
 * {@code getStatement().getConnection()} does too (never the pool's proxies); every other method
 * is a generated delegate ({@link DelegatingDatabaseMetaData}).
 */
public final class InstrumentedDatabaseMetaData extends DelegatingDatabaseMetaData {

  private final InstrumentedConnection connection;

  InstrumentedDatabaseMetaData(DatabaseMetaData delegate, InstrumentedConnection connection) {
    super(delegate);
    this.connection = connection;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return connection;
  }

  @Override
  ResultSet wrap(ResultSet resultSet) {
    return InstrumentedResultSet.ofMetaData(resultSet, connection);
  }
}
