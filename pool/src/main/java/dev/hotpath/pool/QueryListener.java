package dev.hotpath.pool;

/**
 * Receives every statement a {@link HotpathDataSource} runs, and its N+1 reports.
 *
 * <p>Called synchronously on the thread that ran the statement, right after the driver returned:
 * keep it short and non-blocking (hand work to a queue). An exception thrown by a listener is
 * caught and logged once per listener, and never reaches the caller.
 */
@FunctionalInterface
public interface QueryListener {

  /**
   * Called after each statement or batch executed, successfully or not.
   *
   * @param event what ran
   */
  void onQuery(QueryEvent event);

  /**
   * Called once per scope when a SELECT fingerprint is repeated more than the N+1 threshold, under
   * any policy but {@link NPlusOnePolicy#OFF}, before the policy logs or throws.
   *
   * @param report what was repeated
   */
  default void onNPlusOne(NPlusOneReport report) {}
}
