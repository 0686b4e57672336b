package dev.hotpath.metrics;

/** Where a name stands against a {@link Budget} at its last evaluation. */
public enum BudgetStatus {
  /** The statistic was below the limit. */
  MET,
  /** The statistic was at or above the limit. */
  BREACHED,
  /** The window held fewer values than the monitor's minimum, so nothing was judged. */
  NO_DATA
}
