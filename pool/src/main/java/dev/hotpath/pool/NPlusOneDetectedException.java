package dev.hotpath.pool;

import dev.hotpath.core.Check;

/**
 * Thrown by a statement that repeats a SELECT shape beyond the N+1 threshold under
 * {@link NPlusOnePolicy#THROW}. The statement did not run.
 */
public final class NPlusOneDetectedException extends RuntimeException {

  private final transient NPlusOneReport report;

  /**
   * Creates the exception.
   *
   * @param report what was repeated
   * @throws NullPointerException if {@code report} is null
   */
  public NPlusOneDetectedException(NPlusOneReport report) {
    super(Check.notNull(report, "report").describe());
    this.report = report;
  }

  /**
   * Returns what was repeated.
   *
   * @return the report
   */
  public NPlusOneReport report() {
    return report;
  }
}
