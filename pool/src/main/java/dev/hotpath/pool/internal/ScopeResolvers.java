package dev.hotpath.pool.internal;

/** The ways a statement finds the scope its N+1 counts belong to. */
public final class ScopeResolvers {

  private static final String THREAD_SCOPE = "thread";

  private ScopeResolvers() {}

  /**
   * Counts in the thread's outermost open {@code QueryScope}.
   *
   * @return the resolver
   */
  public static QueryInstrumentation.ScopeResolver threadScopes() {
    return frame -> frame == null
        ? null : new QueryInstrumentation.DetectorScope(THREAD_SCOPE, frame.rootDetector());
  }
}
