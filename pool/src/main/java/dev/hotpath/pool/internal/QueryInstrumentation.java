package dev.hotpath.pool.internal;

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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * {@link #failures()} and logged once per kind (once per listener), and the statement runs as it
 * would on the raw driver. The one deliberate exception is {@link NPlusOnePolicy#THROW}.
 */
public final class QueryInstrumentation {

  private static final Logger SLOW_LOG = LoggerFactory.getLogger("dev.hotpath.pool.slow");
  private static final Logger LOG = LoggerFactory.getLogger(QueryInstrumentation.class);
  private static final int MAX_KEY_LENGTH = 16 * 1024;

  // The request's Server-Timing entry that every statement of every data source adds to.
  private static final ServerTiming.Metric DB = ServerTiming.Metric.counted("db", "query", "queries");

  private final String name;
  private final BoundedSqlCache<StatementShape> shapes;
  private final QueryListener[] listeners;
  private final AtomicBoolean[] listenerFailureLogged;
  private final long slowNanos;
  private final NPlusOnePolicy nPlusOnePolicy;
  private final int nPlusOneThreshold;
  private final boolean logParameterValues;
  private final ScopeResolver scopes;
  private final CallSites callSites;
  private final StatementShape unknownShape;
  private final LatencyRecorder fallbackLatency;
  private final LongAdder failures = new LongAdder();
  private final AtomicBoolean[] faultLogged = new AtomicBoolean[Fault.values().length];

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
   * Where N+1 counts live for the statement running now: a unit of work or a thread scope. Asked
   * on every SELECT, so it hands back the detector alone and names the scope only for a report.
   */
  public interface ScopeResolver {
    /**
     * Returns the detector for the current scope.
     *
     * @param root the root of the current unit of work, or null when none is current
     * @param threadFrame the thread's innermost query scope, or null
     * @return the detector, or null when no scope is open
     */
    NPlusOneDetector detector(UnitOfWork root, ScopeFrame threadFrame);

    /**
     * Returns the name of the scope {@link #detector} found, for an N+1 report.
     *
     * @param root as given to {@link #detector}
     * @param threadFrame as given to {@link #detector}
     * @return the scope's name
     */
    String name(UnitOfWork root, ScopeFrame threadFrame);
  }

  /**
   * Creates the instrumentation of one data source.
   *
   * @param name the data source's name
   * @param maxShapes the most SQL strings whose shape is remembered
   * @param latencyFor where each fingerprint's latency goes
   * @param fallbackLatency where latency goes when {@code latencyFor} fails
   * @param listeners the listeners, in call order
   * @param slowThreshold statements at least this slow are logged
   * @param nPlusOnePolicy what to do on N+1
   * @param nPlusOneThreshold executions of one SELECT shape allowed per scope
   * @param logParameterValues whether the slow log may show parameter values
   * @param scopes finds the scope of the running statement
   * @param skippedCallSiteFrames class-name prefixes an N+1 report's call site is never in,
   *     besides this library, the JDK and HikariCP
   */
  public QueryInstrumentation(String name, int maxShapes,
      Function<SqlFingerprint, LatencyRecorder> latencyFor, LatencyRecorder fallbackLatency,
      List<QueryListener> listeners, Duration slowThreshold, NPlusOnePolicy nPlusOnePolicy,
      int nPlusOneThreshold, boolean logParameterValues, ScopeResolver scopes,
      List<String> skippedCallSiteFrames) {
    this.name = name;
    this.callSites = new CallSites(skippedCallSiteFrames);
    for (int i = 0; i < faultLogged.length; i++) {
      faultLogged[i] = new AtomicBoolean();
    }
    this.fallbackLatency = fallbackLatency;
    // The shape of a statement that could not be fingerprinted: kind OTHER, so never an N+1.
    this.unknownShape = new StatementShape(SqlFingerprint.of(""), fallbackLatency);
    this.shapes = new BoundedSqlCache<>(maxShapes, MAX_KEY_LENGTH, sql -> computeShape(sql, latencyFor));
    this.listeners = listeners.toArray(new QueryListener[0]);
    this.listenerFailureLogged = new AtomicBoolean[this.listeners.length];
    for (int i = 0; i < this.listeners.length; i++) {
      listenerFailureLogged[i] = new AtomicBoolean();
    }
    this.slowNanos = slowThreshold.toNanos();
    this.nPlusOnePolicy = nPlusOnePolicy;
    this.nPlusOneThreshold = nPlusOneThreshold;
    this.logParameterValues = logParameterValues;
    this.scopes = scopes;
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
    return failures.sum();
  }

  private void failed(Fault fault, RuntimeException e) {
    failures.increment();
    if (faultLogged[fault.ordinal()].compareAndSet(false, true)) {
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
    // One thread-local read in the common case: ScopeFrame skips its own while no QueryScope is
    // open anywhere, and neither lookup wraps its answer in an Optional.
    ScopeFrame frame = ScopeFrame.current();
    UnitOfWork unit = UnitOfWork.currentOrNull();
    UnitOfWork root = unit == null ? null : unit.root();
    if (nPlusOnePolicy != NPlusOnePolicy.OFF && shape.fingerprint().kind() == QueryKind.SELECT) {
      detect(shape.fingerprint(), root, frame);
    }
    // Counted and timed only after detection: a statement refused as N+1 never runs, so neither
    // QueryScope nor Server-Timing sees it.
    if (frame != null) {
      frame.count(shape.fingerprint());
    }
    statement.requestTiming = root == null ? null : root.attachmentOrNull(ServerTiming.KEY);
  }

  private void detect(SqlFingerprint fingerprint, UnitOfWork root, ScopeFrame frame) {
    NPlusOneDetector detector = scopes.detector(root, frame);
    if (detector == null) {
      return;
    }
    int count = detector.countAndCheck(fingerprint, nPlusOneThreshold);
    if (count == 0) {
      return;
    }
    NPlusOneReport report = new NPlusOneReport(name, scopes.name(root, frame), fingerprint, count,
        callSites.firstApplicationFrame());
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].onNPlusOne(report);
      } catch (RuntimeException e) {
        listenerFailed(i, e);
      }
    }
    if (nPlusOnePolicy == NPlusOnePolicy.THROW) {
      throw new NPlusOneDetectedException(report);
    }
    LOG.warn(report.describe());
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
    if (listeners.length == 0 && !slow) {
      return;
    }
    QueryEvent event = new QueryEvent(name, shape.fingerprint(), Duration.ofNanos(elapsed), rows,
        Duration.ofNanos(acquireNanos), failure);
    for (int i = 0; i < listeners.length; i++) {
      try {
        listeners[i].onQuery(event);
      } catch (RuntimeException e) {
        listenerFailed(i, e);
      }
    }
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

  private void listenerFailed(int index, RuntimeException e) {
    failures.increment();
    if (listenerFailureLogged[index].compareAndSet(false, true)) {
      LOG.warn("query listener {} on {} threw; further failures of it are not logged",
          listeners[index], name, e);
    }
  }
}
