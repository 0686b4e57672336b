package dev.hotpath.benchmarks.pool;

import com.p6spy.engine.spy.P6DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The round of {@link JdbcRoundBenchmark} on one H2 in-memory table of 1000 rows, with the peers
 * a user would pick instead of hotpath. All data sources share one HikariCP pool, so the
 * differences are the wrappers alone.
 *
 * <p>Besides {@code hikari}, {@code hikariHandTimed} and {@code hotpath}: {@code
 * hotpathInRequest} is hotpath inside a request; {@code datasourceProxy} counts queries and their
 * time ({@code countQuery()}); {@code p6spy} runs its logging module with a 1 s threshold, so it
 * logs nothing, like a slow-query log.
 */
public class JdbcOverheadBenchmark extends JdbcRoundBenchmark {

  private DataSource datasourceProxy;
  private DataSource p6spy;

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
    HikariDataSource hikari = new HikariDataSource(config);
    try (Connection c = hikari.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(40))");
      s.execute("INSERT INTO item SELECT x, 'item ' || x FROM SYSTEM_RANGE(1, " + ROWS + ")");
    }
    use(hikari, "SELECT name FROM item WHERE id = ?");
    datasourceProxy = ProxyDataSourceBuilder.create(hikari).name("bench").countQuery().build();
    System.setProperty("p6spy.config.executionThreshold", "1000");
    System.setProperty("p6spy.config.appender", "com.p6spy.engine.spy.appender.Slf4JLogger");
    p6spy = new P6DataSource(hikari);
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void stop() {
    pool().close();
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
    return round(hotpathDataSource());
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
    return round(datasourceProxy);
  }

  /**
   * Through p6spy with its logging module and a threshold no statement reaches.
   *
   * @return the row's name
   * @throws SQLException never here
   */
  @Benchmark
  public String p6spy() throws SQLException {
    return round(p6spy);
  }
}
