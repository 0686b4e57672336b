package dev.hotpath.pool;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.hotpath.core.Check;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.TagValues;
import dev.hotpath.pool.internal.InstrumentationSettings;
import dev.hotpath.pool.internal.InstrumentedConnection;
import dev.hotpath.pool.internal.QueryInstrumentation;
import dev.hotpath.pool.internal.Unwrapping;
import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that measures every statement: latency per {@link SqlFingerprint},
 * {@link QueryEvent}s to listeners, a slow-query log, N+1 detection and {@link QueryScope} counts.
 *
 * <pre>{@code
 * HikariConfig config = new HikariConfig();
 * config.setJdbcUrl("jdbc:postgresql://db/app");
 * try (HotpathDataSource db = HotpathDataSource.builder()
 *     .name("main")
 *     .hikari(config)
 *     .slowQueryThreshold(Duration.ofMillis(200))
 *     .nPlusOne(NPlusOnePolicy.LOG, 10)
 *     .build()) {
 *   // use db like any DataSource
 * }
 * }</pre>
 *
 * <p>Connections, statements and result sets it returns are transparent wrappers (invariant 4):
 * every JDBC method delegates, {@code unwrap} and {@code isWrapperFor} reach the pool's and
 * driver's objects, closing a connection closes its statements and result sets as the underlying
 * pool or driver does. Parameter values never reach logs or metrics unless
 * {@link Builder#logParameterValues(boolean)} is enabled (invariant 5). Thread-safe.
 */
public final class HotpathDataSource implements DataSource, Closeable {

  /** The metric of statement latencies: tags {@value #POOL_TAG} and {@value #FINGERPRINT_TAG}. */
  public static final String STATEMENT_METRIC = "hotpath.pool.statement";

  /** The metric of connection waits: tag {@value #POOL_TAG}. */
  public static final String ACQUIRE_METRIC = "hotpath.pool.acquire";

  /** The tag holding the data source's name. */
  public static final String POOL_TAG = "pool";

  /**
   * The tag holding a statement's fingerprint, in {@link TagValues#bounded} form: the fingerprint
   * itself when it fits the tag-value rule, otherwise its first characters and a stable hash.
   */
  public static final String FINGERPRINT_TAG = "fingerprint";

  /**
   * The class-name prefixes of data-access frameworks whose frames an N+1 report's call site
   * skips by default, so that it names the application's code: Hibernate, Spring's JDBC, ORM,
   * Data and transaction support, jOOQ, MyBatis, Jdbi and Flyway. The JDK, JDBC, HikariCP and this
   * library are always skipped.
   */
  public static final List<String> FRAMEWORK_FRAMES = List.of("org.hibernate.",
      "org.springframework.jdbc.", "org.springframework.orm.", "org.springframework.data.",
      "org.springframework.transaction.", "org.jooq.", "org.apache.ibatis.", "org.mybatis.",
      "org.jdbi.", "org.flywaydb.");

  private final DataSource delegate;
  private final HikariDataSource owned;
  private final QueryInstrumentation instrumentation;
  private final LatencyRegistry metrics;
  private final LatencyRecorder acquireLatency;

  private HotpathDataSource(Builder builder) {
    this.owned = builder.hikariConfig == null ? null : new HikariDataSource(builder.hikariConfig);
    this.delegate = owned != null ? owned : builder.dataSource;
    this.metrics = builder.metrics != null ? builder.metrics : LatencyRegistry.create();
    String name = builder.settings.name;
    this.acquireLatency = metrics.recorder(MetricId.of(ACQUIRE_METRIC, POOL_TAG, name));
    MetricId statements = MetricId.of(STATEMENT_METRIC, POOL_TAG, name);
    this.instrumentation = new QueryInstrumentation(builder.settings,
        fingerprint -> metrics.recorder(
            statements.tag(FINGERPRINT_TAG, TagValues.bounded(fingerprint.text()))),
        metrics.recorder(statements.tag(FINGERPRINT_TAG, "?").overflow()));
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the defaults: name {@code "default"}, slow-query threshold 1 s, N+1
   *     policy {@link NPlusOnePolicy#LOG} over 10 repetitions, 1000 remembered SQL strings, no
   *     listeners, parameter values never logged, a metrics registry of its own
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the name carried into metrics, events and logs.
   *
   * @return the name
   */
  public String name() {
    return instrumentation.name();
  }

  /**
   * Returns the registry this data source records into: one series per statement shape,
   * {@code hotpath.pool.statement{pool=<name>, fingerprint=<fingerprint>}}, and
   * {@code hotpath.pool.acquire{pool=<name>}} for connection waits. The registry's cap on series
   * per name bounds the shapes recorded (invariant 7); past it they share the overflow series
   * {@code hotpath.pool.statement{pool=other, fingerprint=other}}.
   *
   * @return the registry given to the builder, or the one created for this data source
   */
  public LatencyRegistry metrics() {
    return metrics;
  }

  /**
   * Returns how many faults inside this data source's own instrumentation were contained instead
   * of failing a statement (invariant 9): a statement that could not be fingerprinted or given a
   * recorder, a listener that threw, a failure in the bookkeeping around an execute call. Each
   * kind of fault is logged once (logger {@code dev.hotpath.pool.internal.QueryInstrumentation},
   * WARN, without SQL or values); the statements themselves ran as on the raw driver.
   *
   * @return the number of contained faults since the data source was built
   */
  public long instrumentationFailures() {
    return instrumentation.failures();
  }

  /**
   * Returns the HikariCP pool's current counts and the connection wait times.
   *
   * @return the stats, or empty when the underlying data source is not a started HikariCP pool
   */
  public Optional<PoolStats> poolStats() {
    HikariPoolMXBean pool = hikariPool();
    if (pool == null) {
      return Optional.empty();
    }
    return Optional.of(new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(),
        pool.getThreadsAwaitingConnection(), pool.getTotalConnections(), acquireLatency.snapshot()));
  }

  private HikariPoolMXBean hikariPool() {
    HikariDataSource hikari = owned;
    if (hikari == null && delegate instanceof HikariDataSource handedIn) {
      hikari = handedIn;
    }
    return hikari == null || hikari.isClosed() ? null : hikari.getHikariPoolMXBean();
  }

  /**
   * Returns a health check of this pool, to register with a {@code HealthRegistry}: DOWN when the
   * pool is closed or no connection can be validated, DEGRADED when more than
   * {@code maxPendingThreads} threads wait for a connection, otherwise UP; details carry the
   * counts and the p99 connection wait in milliseconds. Without HikariCP underneath it only
   * validates a connection.
   *
   * @param maxPendingThreads how many waiting threads are still healthy, at least 0
   * @return the health check
   * @throws IllegalArgumentException if {@code maxPendingThreads} is negative
   */
  public HealthCheck healthCheck(int maxPendingThreads) {
    Check.argument(maxPendingThreads >= 0, "maxPendingThreads must not be negative, was %d",
        maxPendingThreads);
    return () -> {
      if (owned != null && owned.isClosed()) {
        return Health.down("pool " + name() + " is closed");
      }
      Optional<PoolStats> stats = poolStats();
      if (stats.isEmpty()) {
        try (Connection connection = delegate.getConnection()) {
          return connection.isValid(1) ? Health.up() : Health.down("connection not valid");
        }
      }
      PoolStats pool = stats.get();
      Health health = pool.pending() > maxPendingThreads
          ? Health.degraded(pool.pending() + " threads wait for a connection, more than "
              + maxPendingThreads)
          : Health.up();
      return health.withDetail("active", pool.active()).withDetail("idle", pool.idle())
          .withDetail("pending", pool.pending()).withDetail("total", pool.total())
          .withDetail("acquireP99Millis", pool.acquire().p99() / 1_000_000.0);
    };
  }

  /**
   * Obtains a connection from the underlying data source, timing the wait.
   *
   * @return an instrumented connection
   * @throws SQLException as the underlying data source throws it
   */
  @Override
  public Connection getConnection() throws SQLException {
    long start = acquireLatency.ticker().read();
    Connection connection = delegate.getConnection();
    return instrumented(connection, start);
  }

  /**
   * Obtains a connection for a user from the underlying data source, timing the wait.
   *
   * @param username the user
   * @param password the password
   * @return an instrumented connection
   * @throws SQLException as the underlying data source throws it (HikariCP does not support it)
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    long start = acquireLatency.ticker().read();
    Connection connection = delegate.getConnection(username, password);
    return instrumented(connection, start);
  }

  private Connection instrumented(Connection connection, long start) {
    long acquire = acquireLatency.recordSince(start);
    return new InstrumentedConnection(connection, instrumentation, acquire);
  }

  /**
   * Returns the underlying data source, or what it unwraps to.
   *
   * @param iface the type wanted
   * @param <T> the type wanted
   * @return the HikariCP or handed-in data source if it is an instance of {@code iface}, otherwise
   *     what it unwraps to
   * @throws SQLException if nothing in the chain is an instance of {@code iface}
   */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Unwrapping.unwrap(delegate, iface);
  }

  /**
   * Tells whether {@link #unwrap} would succeed.
   *
   * @param iface the type asked about
   * @return true if the underlying data source is or wraps an instance of {@code iface}
   * @throws SQLException as the underlying data source throws it
   */
  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return Unwrapping.isWrapperFor(delegate, iface);
  }

  /**
   * Delegates.
   *
   * @return the underlying data source's log writer
   * @throws SQLException as the underlying data source throws it
   */
  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  /**
   * Delegates.
   *
   * @param out the log writer
   * @throws SQLException as the underlying data source throws it
   */
  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  /**
   * Delegates.
   *
   * @param seconds the login timeout
   * @throws SQLException as the underlying data source throws it
   */
  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  /**
   * Delegates.
   *
   * @return the login timeout in seconds
   * @throws SQLException as the underlying data source throws it
   */
  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  /**
   * Delegates.
   *
   * @return the underlying data source's parent logger
   * @throws SQLFeatureNotSupportedException if it has none
   */
  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  /**
   * Closes the HikariCP pool this data source built from a {@link HikariConfig}; a data source
   * handed in through {@link Builder#dataSource(DataSource)} belongs to the caller and stays open.
   */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }

  /** Configures a {@link HotpathDataSource}; each setter validates its argument at once. */
  public static final class Builder {

    // Everything the instrumentation reads; passed to it whole by build().
    private final InstrumentationSettings settings = new InstrumentationSettings();
    private HikariConfig hikariConfig;
    private DataSource dataSource;
    private LatencyRegistry metrics;

    private Builder() {}

    /**
     * Names the data source, for metrics, events and logs: {@code "read"}, {@code "write"}.
     *
     * @param name 1 to 64 characters of letters, digits, {@code .}, {@code _} or {@code -}, the
     *     rule every hotpath instance name follows ({@link TagValues#requireInstanceName})
     * @return this builder
     * @throws IllegalArgumentException if the name breaks that rule
     */
    public Builder name(String name) {
      settings.name = TagValues.requireInstanceName("name", name);
      return this;
    }

    /**
     * Builds a HikariCP pool from this configuration; the data source owns it and closes it.
     *
     * @param config the pool configuration, validated by HikariCP when {@link #build()} runs
     * @return this builder
     * @throws IllegalStateException if a data source was already set
     */
    public Builder hikari(HikariConfig config) {
      Check.notNull(config, "config");
      requireNoSource();
      this.hikariConfig = config;
      return this;
    }

    /**
     * Wraps an existing data source (a pool or a driver's); the caller keeps ownership.
     *
     * @param dataSource the data source
     * @return this builder
     * @throws IllegalStateException if a data source or HikariCP configuration was already set
     * @throws IllegalArgumentException if it is a {@link HotpathDataSource} (double measuring)
     */
    public Builder dataSource(DataSource dataSource) {
      Check.notNull(dataSource, "dataSource");
      if (dataSource instanceof HotpathDataSource wrapped) {
        throw new IllegalArgumentException(
            "dataSource must not be a HotpathDataSource, was '" + wrapped.name() + "'");
      }
      requireNoSource();
      this.dataSource = dataSource;
      return this;
    }

    private void requireNoSource() {
      Check.state(hikariConfig == null && dataSource == null, "the data source was already set");
    }

    /**
     * Sets the duration from which a statement is logged as slow (logger
     * {@code dev.hotpath.pool.slow}, WARN, fingerprint only).
     *
     * @param threshold a positive duration
     * @return this builder
     * @throws IllegalArgumentException if it is zero or negative
     */
    public Builder slowQueryThreshold(Duration threshold) {
      settings.slowQueryThreshold = Check.positive(threshold, "slowQueryThreshold");
      return this;
    }

    /**
     * Sets what happens when one SELECT shape runs more than {@code threshold} times in one scope
     * (a {@code UnitOfWork} or a {@link QueryScope}).
     *
     * @param policy off, log or throw
     * @param threshold how many executions of one shape are allowed, at least 1
     * @return this builder
     * @throws IllegalArgumentException if the threshold is less than 1
     */
    public Builder nPlusOne(NPlusOnePolicy policy, int threshold) {
      Check.notNull(policy, "policy");
      settings.nPlusOneThreshold = Check.atLeast(threshold, 1, "nPlusOne threshold");
      settings.nPlusOnePolicy = policy;
      return this;
    }

    /**
     * Sets whether an N+1 report's call site skips the frames of the data-access frameworks in
     * {@link #FRAMEWORK_FRAMES}. On by default: a report under Hibernate or {@code JdbcTemplate}
     * then names the repository method that caused it, not the framework's internals.
     *
     * @param skip whether to skip them
     * @return this builder
     */
    public Builder skipFrameworkFrames(boolean skip) {
      settings.skipFrameworkFrames = skip;
      return this;
    }

    /**
     * Adds class-name prefixes whose frames an N+1 report's call site skips, besides the
     * frameworks' (your own data-access layer, say: {@code "com.example.db."}). A prefix matches
     * a class whose fully qualified name starts with it.
     *
     * @param prefixes class-name prefixes, each not blank
     * @return this builder
     * @throws IllegalArgumentException if a prefix is blank
     */
    public Builder skipCallSiteFrames(String... prefixes) {
      Check.notNull(prefixes, "prefixes");
      for (String prefix : prefixes) {
        Check.notBlank(prefix, "call-site prefix");
      }
      settings.skippedFrames.addAll(List.of(prefixes));
      return this;
    }

    /**
     * Adds a listener, called in the order added.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(QueryListener listener) {
      settings.listeners.add(Check.notNull(listener, "listener"));
      return this;
    }

    /**
     * Allows the slow-query log to show bound parameter values. Off by default (invariant 5):
     * values are personal data and secrets more often than not.
     *
     * @param allowed whether values may be logged
     * @return this builder
     */
    public Builder logParameterValues(boolean allowed) {
      settings.logParameterValues = allowed;
      return this;
    }

    /**
     * Sets how many distinct SQL strings have their fingerprint remembered (invariant 7).
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if it is less than 1
     */
    public Builder maxFingerprints(int max) {
      settings.maxFingerprints = Check.atLeast(max, 1, "maxFingerprints");
      return this;
    }

    /**
     * Records into a registry shared with other blocks instead of one of its own.
     *
     * @param registry the registry
     * @return this builder
     */
    public Builder metrics(LatencyRegistry registry) {
      this.metrics = Check.notNull(registry, "registry");
      return this;
    }

    /**
     * Builds the data source; with a HikariCP configuration, starts the pool.
     *
     * @return the data source
     * @throws IllegalStateException if neither a data source nor a HikariCP configuration was set
     */
    public HotpathDataSource build() {
      Check.state(hikariConfig != null || dataSource != null,
          "set hikari(config) or dataSource(dataSource) before build()");
      return new HotpathDataSource(this);
    }
  }
}
