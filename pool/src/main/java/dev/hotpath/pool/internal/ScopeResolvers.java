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
    return UnitOfWorkOrThread.INSTANCE;
  }

  private enum UnitOfWorkOrThread implements QueryInstrumentation.ScopeResolver {
    INSTANCE;

    @Override
    public NPlusOneDetector detector(UnitOfWork root, ScopeFrame threadFrame) {
      if (root != null) {
        // NPlusOneDetector::new captures nothing: the lookup allocates only on the unit's first.
        return root.attachment(DETECTOR, NPlusOneDetector::new);
      }
      return threadFrame == null ? null : threadFrame.rootDetector();
    }

    @Override
    public String name(UnitOfWork root, ScopeFrame threadFrame) {
      return root != null ? root.name() : THREAD_SCOPE;
    }
  }
}
