package dev.hotpath.benchmarks.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The round of {@link JdbcRoundBenchmark} (borrow, prepare, bind, execute, read one row, close)
 * against a real PostgreSQL over loopback, where the database's own round trip dominates: the
 * budget row is {@code hotpath} against raw {@code hikari}. All three share one HikariCP pool.
 *
 * <p>The database is {@code HOTPATH_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test})
 * as {@code HOTPATH_PG_USER} (default {@code postgres}, no password: trust auth). Each trial
 * creates a table of its own ({@code bench_item_} and eight random hex digits) and drops it in
 * teardown. Without a reachable PostgreSQL the setup fails at once with one line saying so, JMH
 * reports these rows as failed and goes on with the other benchmarks.
 */
public class PostgresJdbcOverheadBenchmark extends JdbcRoundBenchmark {

  private final String table = "bench_item_" + UUID.randomUUID().toString().substring(0, 8);

  /**
   * Checks that PostgreSQL is there, creates the table, the pool and the wrapper.
   *
   * @throws SQLException if the table cannot be created
   */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    String url = System.getenv().getOrDefault("HOTPATH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getenv().getOrDefault("HOTPATH_PG_USER", "postgres");
    // One direct connection first, so that an absent server is one clear line, not a pool's
    // thirty-second initialization timeout and its stack trace.
    try (Connection probe = DriverManager.getConnection(url, user, "")) {
      probe.isValid(1);
    } catch (SQLException e) {
      throw new PostgresAbsent(url, user, e);
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setMaximumPoolSize(4);
    HikariDataSource hikari = new HikariDataSource(config);
    try (Connection c = hikari.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, name VARCHAR(40))");
      s.execute("INSERT INTO " + table + " SELECT x, 'item ' || x FROM generate_series(1, "
          + ROWS + ") AS x");
      s.execute("ANALYZE " + table);
    }
    use(hikari, "SELECT name FROM " + table + " WHERE id = ?");
  }

  /**
   * Drops the table and closes the pool.
   *
   * @throws SQLException if the table cannot be dropped
   */
  @TearDown(Level.Trial)
  public void stop() throws SQLException {
    HikariDataSource hikari = pool();
    if (hikari == null) {
      return;
    }
    try (Connection c = hikari.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table);
    } finally {
      hikari.close();
    }
  }

  /** Why these rows did not run: one line, no stack trace. */
  private static final class PostgresAbsent extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    PostgresAbsent(String url, String user, SQLException cause) {
      super("skipped: no PostgreSQL at " + url + " as " + user + " (" + cause.getMessage()
          + "); start one or set HOTPATH_PG_URL / HOTPATH_PG_USER");
      setStackTrace(new StackTraceElement[0]);
    }
  }
}
