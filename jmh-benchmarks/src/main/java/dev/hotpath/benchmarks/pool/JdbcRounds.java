package dev.hotpath.benchmarks.pool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.HdrHistogram.Recorder;

/**
 * The JDBC round the pool benchmarks measure, shared so that the H2 and PostgreSQL rows run the
 * very same code: borrow a connection, prepare a select by primary key, bind, execute, read one
 * row, close everything.
 */
final class JdbcRounds {
  private JdbcRounds() {}

  /** A recorder like hotpath's: 1 ns to 1 h at two significant digits. */
  static Recorder recorder() {
    return new Recorder(1, Duration.ofHours(1).toNanos(), 2);
  }

  /** One round through {@code dataSource}; returns the row's single column. */
  static String selectByPrimaryKey(DataSource dataSource, String query, int id)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(query)) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /**
   * One round with the two measurements hotpath takes, by hand and without a wrapper: the borrow
   * and the execution, each timed with {@link System#nanoTime()} into its histogram.
   */
  static String handTimed(DataSource dataSource, String query, int id, Recorder acquireTimes,
      Recorder statementTimes) throws SQLException {
    long borrowStart = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      acquireTimes.recordValue(System.nanoTime() - borrowStart);
      try (PreparedStatement ps = c.prepareStatement(query)) {
        ps.setInt(1, id);
        long start = System.nanoTime();
        try (ResultSet rs = ps.executeQuery()) {
          statementTimes.recordValue(System.nanoTime() - start);
          rs.next();
          return rs.getString(1);
        }
      }
    }
  }
}
