package dev.hotpath.pool.internal;

import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.pool.QueryListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@link HotpathDataSource.Builder} configures for the instrumentation, with its defaults:
 * written by the builder's setters, which validate each value, and read once by
 * {@link QueryInstrumentation}, which copies what it needs. Adding an option is a field here, the
 * setter that fills it and the code that reads it; nothing positional in between.
 */
public final class InstrumentationSettings {

  /** The data source's name, for metrics, events and logs. */
  public String name = "default";
  /** Statements at least this slow are logged. */
  public Duration slowQueryThreshold = Duration.ofSeconds(1);
  /** What happens on N+1. */
  public NPlusOnePolicy nPlusOnePolicy = NPlusOnePolicy.LOG;
  /** Executions of one SELECT shape allowed per scope. */
  public int nPlusOneThreshold = 10;
  /** The listeners, in call order. */
  public final List<QueryListener> listeners = new ArrayList<>();
  /** Whether the slow log may show parameter values. */
  public boolean logParameterValues;
  /** The most SQL strings whose shape is remembered. */
  public int maxFingerprints = 1000;
  /** Whether an N+1 report's call site skips {@link HotpathDataSource#FRAMEWORK_FRAMES}. */
  public boolean skipFrameworkFrames = true;
  /** Further class-name prefixes an N+1 report's call site skips. */
  public final List<String> skippedFrames = new ArrayList<>();

  /**
   * Returns every class-name prefix an N+1 report's call site skips, besides this library, the JDK
   * and HikariCP.
   *
   * @return the prefixes
   */
  List<String> callSiteSkips() {
    List<String> prefixes = new ArrayList<>(
        skipFrameworkFrames ? HotpathDataSource.FRAMEWORK_FRAMES : List.of());
    prefixes.addAll(skippedFrames);
    return List.copyOf(prefixes);
  }
}
