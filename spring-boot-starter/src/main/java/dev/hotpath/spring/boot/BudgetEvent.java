package dev.hotpath.spring.boot;

import dev.hotpath.metrics.BudgetState;
import org.springframework.context.ApplicationEvent;

/**
 * Published on the application context when a latency budget from {@code hotpath.budgets} starts
 * or stops being breached. Listen with {@code @EventListener}; events arrive on the budget
 * monitor's thread, one at a time, once per transition.
 */
public final class BudgetEvent extends ApplicationEvent {
  private static final long serialVersionUID = 1L;

  /** The evaluation; not serialized, as Spring events never are in practice. */
  private final transient BudgetState state;
  /** True for a breach, false for a recovery. */
  private final boolean breach;

  /**
   * Creates an event.
   *
   * @param source the latency registry the budget was evaluated over
   * @param state the evaluation that changed the status
   * @param breach true when the name started breaching, false when it recovered
   */
  public BudgetEvent(Object source, BudgetState state, boolean breach) {
    super(source);
    this.state = state;
    this.breach = breach;
  }

  /**
   * Returns the evaluation that changed the status.
   *
   * @return the budget, the name evaluated, the observed value and the sample count
   */
  public BudgetState state() {
    return state;
  }

  /**
   * Tells a breach from a recovery.
   *
   * @return true when the series started breaching its budget, false when it recovered
   */
  public boolean isBreach() {
    return breach;
  }

  @Override
  public String toString() {
    return (breach ? "breach of " : "recovery of ") + state.budget() + " for '" + state.series()
        + "': " + state.status();
  }
}
