package dev.hotpath.benchmarks.pool;

import com.p6spy.engine.spy.P6DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.HdrHistogram.Recorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One prepared SELECT by primary key, the whole JDBC round: borrow a connection, prepare, bind,
 * execute, read one row, close everything. All four data sources share one HikariCP pool over one
 * H2 in-memory database, so the differences are the wrappers alone.
 *
 * <p>{@code hikari} is the raw baseline. {@code hotpath} records latency per fingerprint and
 * connection wait into its registry, counts scopes and checks N+1 (no scope open here, as in code
 * outside a request). {@code datasourceProxy} counts queries and their time ({@code countQuery()}).
 * {@code p6spy} runs its logging module with a 1 s threshold, so it logs nothing, like a
 * slow-query log.
 *
 * <p>{@code hikariHandTimed} is raw HikariCP with the two measurements hotpath takes by hand: the
 * borrow and the execution each timed with {@link System#nanoTime()} into an HdrHistogram
 * {@link Recorder}. It is the floor for any wrapper that reports connection wait and statement
 * latency as histograms: four clock reads and two histogram writes per round, nothing else.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class JdbcOverheadBenchmark {

  private static final String QUERY = "SELECT name FROM item WHERE id = ?";
  private static final int ROWS = 1000;

  private HikariDataSource hikari;
  private HotpathDataSource hotpath;
  private DataSource datasourceProxy;
  private DataSource p6spy;
  private final Recorder acquireTimes = JdbcRounds.recorder();
  private final Recorder statementTimes = JdbcRounds.recorder();
  private int next;

  /**
   * Creates the database, the pool and the wrappers.
   *
   * @throws SQLException if the database cannot be set up
   */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:jdbc-overhead;DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    hikari = new HikariDataSource(config);
    try (Connection c = hikari.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40))");
      s.execute("INSERT INTO item SELECT x, 'item ' || x FROM SYSTEM_RANGE(1, " + ROWS + ")");
    }
    hotpath = HotpathDataSource.builder().name("bench").dataSource(hikari)
        .nPlusOne(NPlusOnePolicy.LOG, 10).build();
    datasourceProxy = ProxyDataSourceBuilder.create(hikari).name("bench").countQuery().build();
    System.setProperty("p6spy.config.executionThreshold", "1000");
    System.setProperty("p6spy.config.appender", "com.p6spy.engine.spy.appender.Slf4JLogger");
    p6spy = new P6DataSource(hikari);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void stop() {
    hikari.close();
  }

  private int nextId() {
    return next = next % ROWS + 1;
  }

  /**
   * The baseline: HikariCP alone.
   *
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String hikari() throws SQLException {
    return JdbcRounds.selectByPrimaryKey(hikari, QUERY, nextId());
  }

  /**
   * HikariCP timed by hand: connection wait and execution into two histograms.
   *
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String hikariHandTimed() throws SQLException {
    return JdbcRounds.handTimed(hikari, QUERY, nextId(), acquireTimes, statementTimes);
  }

  /**
   * Through HotpathDataSource.
   *
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String hotpath() throws SQLException {
    return JdbcRounds.selectByPrimaryKey(hotpath, QUERY, nextId());
  }

  /**
   * Through HotpathDataSource inside a request, as under the servlet adapter: a unit of work with
   * Server-Timing entries is current, so each round also finds the request, counts the select in
   * the request's N+1 detector and adds its time to the {@code db} entry.
   *
   * @param request the request open on this thread
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String hotpathInRequest(Request request) throws SQLException {
    return JdbcRounds.selectByPrimaryKey(hotpath, QUERY, nextId());
  }

  /**
   * A request current on the benchmark thread for one iteration: a {@link UnitOfWork} with
   * {@link ServerTiming} attached, what the servlet adapter opens per request. The select repeats,
   * so the N+1 check reports it once per iteration (policy LOG), then only counts.
   */
  @State(Scope.Thread)
  public static class Request {
    private UnitOfWork unit;

    /** Begins the request on the benchmark thread. */
    @Setup(Level.Iteration)
    public void begin() {
      unit = UnitOfWork.begin("GET /items/{id}");
      unit.attach(ServerTiming.KEY, new ServerTiming());
    }

    /** Ends it. */
    @TearDown(Level.Iteration)
    public void end() {
      unit.close();
    }
  }

  /**
   * Through datasource-proxy with query counting.
   *
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String datasourceProxy() throws SQLException {
    return JdbcRounds.selectByPrimaryKey(datasourceProxy, QUERY, nextId());
  }

  /**
   * Through p6spy with its logging module and a threshold no statement reaches.
   *
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String p6spy() throws SQLException {
    return JdbcRounds.selectByPrimaryKey(p6spy, QUERY, nextId());
  }
}
