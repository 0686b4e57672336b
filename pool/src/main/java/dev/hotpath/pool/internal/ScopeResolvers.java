package dev.hotpath.pool.internal;

import dev.hotpath.core.UnitOfWork;

/** How a statement finds the scope its N+1 counts belong to. */
public final class ScopeResolvers {

  private static final String THREAD_SCOPE = "thread";
  private static final UnitOfWork.Key<NPlusOneDetector> DETECTOR =
      UnitOfWork.Key.of("hotpath.pool.nPlusOne");

  private ScopeResolvers() {}

  /**
   * The current {@link UnitOfWork}'s root (a whole request, across the threads it was carried
   * to), else the thread's outermost open {@code QueryScope}, else none.
   *
   * @return the resolver
   */
  public static QueryInstrumentation.ScopeResolver unitOfWorkOrThread() {
    return (root, frame) -> {
      if (root != null) {
        return new QueryInstrumentation.DetectorScope(
            root.name(), root.attachment(DETECTOR, NPlusOneDetector::new));
      }
      return frame == null
          ? null : new QueryInstrumentation.DetectorScope(THREAD_SCOPE, frame.rootDetector());
    };
  }
}
