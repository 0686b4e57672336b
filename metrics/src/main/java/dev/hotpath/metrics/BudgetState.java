package dev.hotpath.metrics;

import java.util.Objects;

/**
 * The outcome of evaluating one {@link Budget} for one name.
 *
 * @param budget the budget
 * @param name the name evaluated (the budget's own name, or one of the registry's names for a
 *     budget that applies to every name)
 * @param status the outcome
 * @param observedNanos the observed statistic in nanoseconds; 0 when {@code status} is
 *     {@link BudgetStatus#NO_DATA} and the window was empty
 * @param count how many values the evaluated window held
 */
public record BudgetState(
    Budget budget, String name, BudgetStatus status, long observedNanos, long count) {

  /**
   * Creates a state.
   *
   * @param budget the budget
   * @param name the name evaluated
   * @param status the outcome
   * @param observedNanos the observed statistic in nanoseconds
   * @param count how many values the evaluated window held
   * @throws NullPointerException if {@code budget}, {@code name} or {@code status} is null
   */
  public BudgetState {
    Objects.requireNonNull(budget, "budget must not be null");
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(status, "status must not be null");
  }
}
