package dev.hotpath.pool.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link ResultSet} that only reports the wrapping statement from {@link #getStatement()};
 * every other method is a generated delegate ({@link DelegatingResultSet}). A result set from {@link java.sql.DatabaseMetaData}
 * has no wrapping statement of its own: the driver's (or pool's) statement behind it is wrapped
 * on first request, so that its {@code getConnection()} returns the wrapping connection too.
 */
public final class InstrumentedResultSet extends DelegatingResultSet {

  private final InstrumentedConnection connection;
  // Set at construction for a statement's result set; on first getStatement() for metadata's.
  private InstrumentedStatement statement;

  InstrumentedResultSet(ResultSet delegate, InstrumentedStatement statement) {
    super(delegate);
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
    super(delegate);
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
}
