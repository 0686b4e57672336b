package dev.hotpath.pool;

import dev.hotpath.core.Check;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code EXPLAIN} on PostgreSQL for a statement a developer picked (typically one the
 * slow-query log named), and flags sequential scans with the scanned table's size.
 *
 * <pre>{@code
 * try (Connection c = db.getConnection()) {
 *   QueryPlan plan = PostgresExplain.explain(c, "SELECT * FROM photo WHERE title = ?", "sunset");
 *   plan.seqScansOfTablesWithAtLeast(10_000).forEach(scan -> log.warn("seq scan on {}", scan));
 * }
 * }</pre>
 *
 * <p>Plain {@code EXPLAIN} plans without running the statement; {@link #explainAnalyze} runs it
 * (inside a transaction it rolls back, so writes leave no trace) and is never the default.
 */
public final class PostgresExplain {

  private static final String SEQ_SCAN = "Seq Scan on ";

  private PostgresExplain() {}

  /**
   * Plans a statement without running it.
   *
   * @param connection a PostgreSQL connection
   * @param sql the statement, with {@code ?} placeholders
   * @param parameters values for the placeholders, in order
   * @return the plan
   * @throws SQLException as the driver throws it
   */
  public static QueryPlan explain(Connection connection, String sql, Object... parameters)
      throws SQLException {
    return plan(connection, "EXPLAIN ", sql, parameters);
  }

  /**
   * Runs a statement and reports its actual plan, then rolls back.
   *
   * @param connection a PostgreSQL connection in auto-commit mode
   * @param sql the statement, with {@code ?} placeholders
   * @param parameters values for the placeholders, in order
   * @return the plan with actual times and rows
   * @throws SQLException as the driver throws it
   * @throws IllegalStateException if the connection is not in auto-commit mode (its transaction is
   *     the caller's to end, so it is not rolled back here)
   */
  public static QueryPlan explainAnalyze(Connection connection, String sql, Object... parameters)
      throws SQLException {
    if (!connection.getAutoCommit()) {
      throw new IllegalStateException(
          "explainAnalyze needs a connection in auto-commit mode, so that it can roll back");
    }
    connection.setAutoCommit(false);
    try {
      return plan(connection, "EXPLAIN ANALYZE ", sql, parameters);
    } finally {
      connection.rollback();
      connection.setAutoCommit(true);
    }
  }

  private static QueryPlan plan(Connection connection, String explain, String sql,
      Object[] parameters) throws SQLException {
    Check.notNull(sql, "sql");
    List<String> lines = new ArrayList<>();
    try (PreparedStatement ps = connection.prepareStatement(explain + sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
    }
    List<QueryPlan.SeqScan> scans = new ArrayList<>();
    for (String line : lines) {
      int at = line.indexOf(SEQ_SCAN);
      if (at >= 0) {
        String rest = line.substring(at + SEQ_SCAN.length());
        int end = rest.indexOf(' ');
        String table = end < 0 ? rest : rest.substring(0, end);
        scans.add(new QueryPlan.SeqScan(table, tableRows(connection, table)));
      }
    }
    return new QueryPlan(lines, scans);
  }

  private static long tableRows(Connection connection, String table) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Math.max(-1, rs.getLong(1)) : -1;
      }
    }
  }
}
