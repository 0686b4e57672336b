package dev.hotpath.benchmarks.pool;

import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The JDBC round the pool benchmarks measure, and its three rows every database gets: borrow a
 * connection, prepare a select by primary key, bind, execute, read one row, close everything.
 * Subclasses provide the database (one HikariCP pool, given to {@link #use}) and may add rows.
 *
 * <p>{@code hikari} is the raw baseline. {@code hotpath} wraps that same pool: latency per
 * fingerprint and connection wait into its registry, scope counting and the N+1 check (policy
 * LOG, no scope open, as in code outside a request). {@code hikariHandTimed} is raw HikariCP with
 * the two measurements hotpath takes, by hand: the borrow and the execution each timed with
 * {@link System#nanoTime()} into an HdrHistogram {@link Recorder}. It is the floor for any wrapper
 * that reports connection wait and statement latency as histograms: four clock reads and two
 * histogram writes per round, nothing else.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public abstract class JdbcRoundBenchmark extends StandardRun {

  /** How many rows the table holds; ids run from 1 to this. */
  protected static final int ROWS = 1000;

  private final Recorder acquireTimes = new Recorder(1, Duration.ofHours(1).toNanos(), 2);
  private final Recorder statementTimes = new Recorder(1, Duration.ofHours(1).toNanos(), 2);
  private HikariDataSource hikari;
  private HotpathDataSource hotpath;
  private String query;
  private int next;

  /**
   * Sets the pool and the select the rows run, and wraps the pool in hotpath.
   *
   * @param pool the pool over a table of {@link #ROWS} rows
   * @param selectByPrimaryKey the select, with the id as its one parameter
   */
  protected final void use(HikariDataSource pool, String selectByPrimaryKey) {
    this.hikari = pool;
    this.query = selectByPrimaryKey;
    this.hotpath = HotpathDataSource.builder().name("bench").dataSource(pool)
        .nPlusOne(NPlusOnePolicy.LOG, 10).build();
  }

  /**
   * Returns the pool given to {@link #use}.
   *
   * @return the pool, or null before setup
   */
  protected final HikariDataSource pool() {
    return hikari;
  }

  /**
   * One round through {@code dataSource}, on the next id.
   *
   * @param dataSource the data source to measure
   * @return the row's single column
   * @throws SQLException if the database fails the statement
   */
  protected final String round(DataSource dataSource) throws SQLException {
    int id = next = next % ROWS + 1;
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
   * The baseline: HikariCP alone.
   *
   * @return the row's name
   * @throws SQLException if the database fails the statement
   */
  @Benchmark
  public String hikari() throws SQLException {
    return round(hikari);
  }

  /**
   * HikariCP timed by hand: connection wait and execution into two histograms.
   *
   * @return the row's name
   * @throws SQLException if the database fails the statement
   */
  @Benchmark
  public String hikariHandTimed() throws SQLException {
    int id = next = next % ROWS + 1;
    long borrowStart = System.nanoTime();
    try (Connection c = hikari.getConnection()) {
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

  /**
   * Through HotpathDataSource.
   *
   * @return the row's name
   * @throws SQLException if the database fails the statement
   */
  @Benchmark
  public String hotpath() throws SQLException {
    return round(hotpath);
  }

  /**
   * Returns the hotpath data source wrapping the pool, for rows a subclass adds.
   *
   * @return the data source, or null before setup
   */
  protected final HotpathDataSource hotpathDataSource() {
    return hotpath;
  }
}
