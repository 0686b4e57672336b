package dev.hotpath.pool.internal;

import java.sql.CallableStatement;

/**
 * A {@link CallableStatement}: timed like a prepared statement, every method of its own a
 * generated delegate ({@link DelegatingCallableStatement}).
 */
public final class InstrumentedCallableStatement extends DelegatingCallableStatement {

  InstrumentedCallableStatement(CallableStatement callable, InstrumentedConnection connection,
      StatementShape shape) {
    super(callable, connection, shape);
  }
}
