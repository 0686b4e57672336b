package dev.hotpath.metrics;

/**
 * Receives budget transitions from a {@link BudgetMonitor}. Each transition is reported once:
 * {@link #onBreach} when a series goes from met (or no data) to breached, {@link #onRecover} when it
 * goes from breached back to met or to no data. Evaluations that leave the status as it was report
 * nothing.
 *
 * <p>Called on the thread that evaluates (the monitor's scheduler, or the caller of
 * {@link BudgetMonitor#evaluate()}), one call at a time. A listener that throws does not stop the
 * other listeners nor the monitor: its failure is counted and logged once (see {@link
 * dev.hotpath.core.Listeners}).
 */
public interface BudgetListener {

  /**
   * Called when a series starts breaching a budget.
   *
   * @param state the evaluation that breached
   */
  default void onBreach(BudgetState state) {}

  /**
   * Called when a series that was breaching a budget no longer does.
   *
   * @param state the evaluation that recovered, {@link BudgetStatus#MET} or
   *     {@link BudgetStatus#NO_DATA}
   */
  default void onRecover(BudgetState state) {}
}
