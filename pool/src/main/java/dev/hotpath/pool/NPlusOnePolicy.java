package dev.hotpath.pool;

/** What a {@link HotpathDataSource} does when it detects an N+1 query pattern. */
public enum NPlusOnePolicy {
  /** Detect nothing and keep no per-scope counts. */
  OFF,
  /** Log one warning per scope and fingerprint, and tell the listeners. */
  LOG,
  /** Tell the listeners, then fail the repeated statement, before it runs, with
   *  {@link NPlusOneDetectedException}: for tests and development. */
  THROW
}
