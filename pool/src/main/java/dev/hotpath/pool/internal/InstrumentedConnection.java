package dev.hotpath.pool.internal;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A {@link Connection} that hands out instrumented statements and metadata and remembers how long
 * it took to obtain. The generated {@link DelegatingConnection} forwards every method (invariant 4)
 * and hands what the driver returns to the wrapping hooks below; closing it closes the delegate,
 * which closes its statements and result sets as the driver (or HikariCP) defines.
 */
public final class InstrumentedConnection extends DelegatingConnection {

  final QueryInstrumentation instrumentation;
  final long acquireNanos;

  /**
   * Wraps a connection.
   *
   * @param delegate the pool's or driver's connection
   * @param instrumentation the data source's instrumentation
   * @param acquireNanos how long obtaining the connection took
   */
  public InstrumentedConnection(Connection delegate, QueryInstrumentation instrumentation,
      long acquireNanos) {
    super(delegate);
    this.instrumentation = instrumentation;
    this.acquireNanos = acquireNanos;
  }

  @Override
  StatementShape shape(String sql) {
    return instrumentation.shape(sql);
  }

  @Override
  Statement statement(Statement statement) {
    return new InstrumentedStatement(statement, this);
  }

  @Override
  PreparedStatement prepared(StatementShape shape, PreparedStatement statement) {
    return new InstrumentedPreparedStatement(statement, this, shape);
  }

  @Override
  CallableStatement callable(StatementShape shape, CallableStatement statement) {
    return new InstrumentedCallableStatement(statement, this, shape);
  }

  @Override
  DatabaseMetaData metaData(DatabaseMetaData metaData) {
    return new InstrumentedDatabaseMetaData(metaData, this);
  }
}
