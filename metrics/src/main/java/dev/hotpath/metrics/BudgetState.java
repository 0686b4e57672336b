package dev.hotpath.metrics;

import java.util.Objects;

/**
 * The outcome of evaluating one {@link Budget} for one series.
 *
 * @param budget the budget
 * @param series the series evaluated (the budget's own target, or one of the registry's series
 *     for a budget that applies to every series)
 * @param status the outcome
 * @param observedNanos the observed statistic in nanoseconds; 0 when {@code status} is
 *     {@link BudgetStatus#NO_DATA} and the window was empty
 * @param count how many values the evaluated window held
 */
public record BudgetState(
    Budget budget, MetricId series, BudgetStatus status, long observedNanos, long count) {

  /**
   * Creates a state.
   *
   * @param budget the budget
   * @param series the series evaluated
   * @param status the outcome
   * @param observedNanos the observed statistic in nanoseconds
   * @param count how many values the evaluated window held
   * @throws NullPointerException if {@code budget}, {@code series} or {@code status} is null
   */
  public BudgetState {
    Objects.requireNonNull(budget, "budget must not be null");
    Objects.requireNonNull(series, "series must not be null");
    Objects.requireNonNull(status, "status must not be null");
  }
}
