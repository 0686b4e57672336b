package dev.hotpath.pool.internal;

import dev.hotpath.core.Listeners;
import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.pool.NPlusOneDetectedException;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.pool.NPlusOneReport;
import dev.hotpath.pool.QueryEvent;
import dev.hotpath.pool.QueryKind;
import dev.hotpath.pool.QueryListener;
import dev.hotpath.pool.SqlFingerprint;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a data source does around a statement: resolve its shape, count it in the open scopes
 * and check for N+1 before it runs, then record its latency, add it to the request's {@code db}
 * Server-Timing entry, tell listeners and log it if slow.
 *
 * <p>The per-statement path takes no lock, logs nothing unless the statement is slow (or repeats
 * as N+1 under {@link NPlusOnePolicy#LOG}), and allocates an event only when there are listeners
 * or the statement is slow. Parameter values reach the slow-query log only when
 * {@code logParameterValues} was enabled (invariant 5).
 *
 * <p>Nothing here fails or alters a statement (invariant 9): a fault in fingerprinting, in finding
 * a recorder, in a listener or in the bookkeeping around a call is caught, counted in
 * {@link #failures()} and logged once per kind (listeners under core's {@link Listeners} policy),
 * and the statement runs as it would on the raw driver. The one deliberate exception is
 * {@link NPlusOnePolicy#THROW}.
 */
public final class QueryInstrumentation {

  private static final Logger SLOW_LOG = LoggerFactory.getLogger("dev.hotpath.pool.slow");
  private static final Logger LOG = LoggerFactory.getLogger(QueryInstrumentation.class);
  private static final int MAX_KEY_LENGTH = 16 * 1024;

  // The request's Server-Timing entry that every statement of every data source adds to.
  private static final ServerTiming.Metric DB = ServerTiming.Metric.counted("db", "query", "queries");
  // A request's N+1 counts, on its root unit of work; outside one, the outermost query scope's.
  private static final UnitOfWork.Key<NPlusOneDetector> DETECTOR =
      UnitOfWork.Key.of("hotpath.pool.nPlusOne");
  private static final String THREAD_SCOPE = "thread";

  private final String name;
  private final BoundedSqlCache<StatementShape> shapes;
  private final Listeners<QueryListener> listeners;
  private final long slowNanos;
  private final NPlusOnePolicy nPlusOnePolicy;
  private final int nPlusOneThreshold;
  private final boolean logParameterValues;
  private final CallSites callSites;
  private final StatementShape unknownShape;
  private final LatencyRecorder fallbackLatency;
  private final LongAdder failures = new LongAdder();
  // 1 once a fault of that kind (by ordinal) was logged.
  private final AtomicIntegerArray faultLogged = new AtomicIntegerArray(Fault.values().length);

  /** Where inside the instrumentation a fault happened, for its one log line. */
  private enum Fault {
    FINGERPRINT("fingerprinting a statement"),
    RECORDER("finding a statement's recorder"),
    BEFORE("preparing to run a statement"),
    AFTER("recording a statement that ran");

    final String doing;

    Fault(String doing) {
      this.doing = doing;
    }
  }

  /**
   * Creates the instrumentation of one data source.
   *
   * @param settings what the builder configured, read once here
   * @param latencyFor where each fingerprint's latency goes
   * @param fallbackLatency where latency goes when {@code latencyFor} fails
   */
  public QueryInstrumentation(InstrumentationSettings settings,
      Function<SqlFingerprint, LatencyRecorder> latencyFor, LatencyRecorder fallbackLatency) {
    this.name = settings.name;
    this.callSites = new CallSites(settings.callSiteSkips());
    this.fallbackLatency = fallbackLatency;
    // The shape of a statement that could not be fingerprinted: kind OTHER, so never an N+1.
    this.unknownShape = new StatementShape(SqlFingerprint.of(""), fallbackLatency);
    this.shapes = new BoundedSqlCache<>(settings.maxFingerprints, MAX_KEY_LENGTH,
        sql -> computeShape(sql, latencyFor));
    this.listeners = Listeners.of("pool '" + name + "'", settings.listeners);
    this.slowNanos = settings.slowQueryThreshold.toNanos();
    this.nPlusOnePolicy = settings.nPlusOnePolicy;
    this.nPlusOneThreshold = settings.nPlusOneThreshold;
    this.logParameterValues = settings.logParameterValues;
  }

  /**
   * Returns the data source's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the shape of a SQL string, from the cache when seen before.
   *
   * @param sql the statement text; null gives the shape of the empty statement, so that the
   *     driver reports the null itself
   * @return the shape
   */
  public StatementShape shape(String sql) {
    try {
      return shapes.get(sql == null ? "" : sql);
    } catch (RuntimeException e) {
      failed(Fault.FINGERPRINT, e);
      return unknownShape;
    }
  }

  private StatementShape computeShape(String sql,
      Function<SqlFingerprint, LatencyRecorder> latencyFor) {
    SqlFingerprint fingerprint;
    try {
      fingerprint = SqlFingerprint.of(sql);
    } catch (RuntimeException e) {
      failed(Fault.FINGERPRINT, e);
      return unknownShape;
    }
    LatencyRecorder latency;
    try {
      latency = latencyFor.apply(fingerprint);
    } catch (RuntimeException e) {
      failed(Fault.RECORDER, e);
      latency = fallbackLatency;
    }
    return new StatementShape(fingerprint, latency);
  }

  /**
   * Returns how many faults inside this instrumentation were caught instead of failing a
   * statement: fingerprinting, recorder lookups, listeners, bookkeeping.
   *
   * @return the number of faults since creation
   */
  public long failures() {
    return failures.sum() + listeners.failures();
  }

  private void failed(Fault fault, RuntimeException e) {
    failures.increment();
    if (faultLogged.compareAndSet(fault.ordinal(), 0, 1)) {
      // The exception's class only: a message may quote the SQL, and with it values (invariant 5).
      LOG.warn("{} on {} failed with {}; the statement ran uninstrumented where needed; "
          + "further failures of this kind are counted, not logged", fault.doing, name,
          e.getClass().getName());
    }
  }

  /**
   * Whether prepared statements should remember parameter values for the slow log.
   *
   * @return true only when explicitly enabled
   */
  public boolean logsParameterValues() {
    return logParameterValues;
  }

  /**
   * Called before a statement runs: counts it in the open scopes, checks for N+1, and remembers
   * in {@code statement} the request's Server-Timing entries for {@link #end}. The current unit of
   * work is looked up once here and serves both.
   *
   * @param shape the statement's shape
   * @param statement the statement about to run
   * @return the start reading of the shape's recorder's ticker, for {@link #end}
   * @throws NPlusOneDetectedException under {@link NPlusOnePolicy#THROW} when the statement is the
   *     first repetition over the threshold
   */
  public long begin(StatementShape shape, InstrumentedStatement statement) {
    try {
      prepare(shape, statement);
    } catch (NPlusOneDetectedException refused) {
      throw refused;
    } catch (RuntimeException e) {
      failed(Fault.BEFORE, e);
      statement.requestTiming = null;
    }
    return shape.latency().ticker().read();
  }

  private void prepare(StatementShape shape, InstrumentedStatement statement) {
    // One thread-local read finds both the request and the thread's query scopes.
    UnitOfWork innermost = UnitOfWork.innermostOrNull();
    if (innermost == null) {
      statement.requestTiming = null;
      return;
    }
    UnitOfWork unit = innermost.unitOrNull();
    UnitOfWork root = unit == null ? null : unit.root();
    UnitOfWork scope = innermost.localOrNull();
    if (nPlusOnePolicy != NPlusOnePolicy.OFF && shape.fingerprint().kind() == QueryKind.SELECT) {
      detect(shape.fingerprint(), root, scope);
    }
    // Counted and timed only after detection: a statement refused as N+1 never runs, so neither
    // QueryScope nor Server-Timing sees it. A statement counts in every open scope of its thread.
    for (UnitOfWork local = scope; local != null; local = local.outerLocalOrNull()) {
      QueryCounts counts = local.attachmentOrNull(QueryCounts.KEY);
      if (counts != null) {
        counts.count(shape.fingerprint());
      }
    }
    statement.requestTiming = root == null ? null : root.attachmentOrNull(ServerTiming.KEY);
  }

  private void detect(SqlFingerprint fingerprint, UnitOfWork root, UnitOfWork scope) {
    NPlusOneDetector detector = root != null
        // NPlusOneDetector::new captures nothing: the lookup allocates only on the unit's first.
        ? root.attachment(DETECTOR, NPlusOneDetector::new) : outermostScopeDetector(scope);
    if (detector == null) {
      return;
    }
    int count = detector.countAndCheck(fingerprint, nPlusOneThreshold);
    if (count == 0) {
      return;
    }
    NPlusOneReport report = new NPlusOneReport(name, root != null ? root.name() : THREAD_SCOPE,
        fingerprint, count, callSites.firstApplicationFrame());
    listeners.notify(report, QueryListener::onNPlusOne);
    if (nPlusOnePolicy == NPlusOnePolicy.THROW) {
      throw new NPlusOneDetectedException(report);
    }
    LOG.warn(report.describe());
  }

  private static NPlusOneDetector outermostScopeDetector(UnitOfWork scope) {
    NPlusOneDetector detector = null;
    for (UnitOfWork local = scope; local != null; local = local.outerLocalOrNull()) {
      QueryCounts counts = local.attachmentOrNull(QueryCounts.KEY);
      if (counts != null) {
        detector = counts.detector;
      }
    }
    return detector;
  }

  /**
   * Called after a statement ran, or failed.
   *
   * @param shape the statement's shape
   * @param startNanos what {@link #begin} returned
   * @param rows the update count, or -1
   * @param acquireNanos how long obtaining the connection took
   * @param failure what the statement threw, or null
   * @param statement the statement, whose request's Server-Timing entries (from {@link #begin})
   *     get its time; asked for its parameter values only when the statement is slow and
   *     parameter logging is enabled
   */
  public void end(StatementShape shape, long startNanos, long rows, long acquireNanos,
      Throwable failure, InstrumentedStatement statement) {
    try {
      record(shape, startNanos, rows, acquireNanos, failure, statement);
    } catch (RuntimeException e) {
      failed(Fault.AFTER, e);
    }
  }

  private void record(StatementShape shape, long startNanos, long rows, long acquireNanos,
      Throwable failure, InstrumentedStatement statement) {
    long elapsed = shape.latency().recordSince(startNanos);
    ServerTiming requestTiming = statement.requestTiming;
    if (requestTiming != null) {
      statement.requestTiming = null;
      requestTiming.accumulate(DB, elapsed);
    }
    boolean slow = elapsed >= slowNanos;
    if (listeners.isEmpty() && !slow) {
      return;
    }
    QueryEvent event = new QueryEvent(name, shape.fingerprint(), Duration.ofNanos(elapsed), rows,
        Duration.ofNanos(acquireNanos), failure);
    listeners.notify(event, QueryListener::onQuery);
    if (slow) {
      logSlow(event, statement);
    }
  }

  private void logSlow(QueryEvent event, InstrumentedStatement statement) {
    String outcome = event.succeeded() ? "ok" : "failed with " + event.failure().getClass().getName();
    String parameters = logParameterValues ? " parameters " + statement.parameterValues() : "";
    SLOW_LOG.warn("slow query on {}: {} ms, rows {}, {}: {}{}", name,
        event.elapsed().toNanos() / 1_000_000.0, event.rows(), outcome, event.fingerprint().text(),
        parameters);
  }
}
