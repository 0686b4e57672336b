package dev.hotpath.metrics.internal;

import dev.hotpath.metrics.Budget;
import dev.hotpath.metrics.BudgetListener;
import dev.hotpath.metrics.BudgetState;
import dev.hotpath.metrics.BudgetStatus;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.LatencySnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates budgets against a registry and reports each status transition once. Not thread-safe:
 * its owner calls it one evaluation at a time.
 */
public final class BudgetEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(BudgetEvaluator.class);

  private final LatencyRegistry registry;
  private final List<Budget> budgets;
  private final List<BudgetListener> listeners;
  private final long minSamples;
  /** Last status per budget and name; bounded by budgets times (maxNames + 1). */
  private final Map<Budget, Map<String, BudgetStatus>> lastStatus = new HashMap<>();

  /**
   * Creates an evaluator.
   *
   * @param registry the recorders to judge
   * @param budgets the budgets, in reporting order
   * @param listeners told of transitions
   * @param minSamples fewer values than this in a window give {@link BudgetStatus#NO_DATA}
   */
  public BudgetEvaluator(
      LatencyRegistry registry, List<Budget> budgets, List<BudgetListener> listeners,
      long minSamples) {
    this.registry = registry;
    this.budgets = List.copyOf(budgets);
    this.listeners = List.copyOf(listeners);
    this.minSamples = minSamples;
  }

  /**
   * Evaluates every budget for every name it applies to and tells the listeners of transitions.
   *
   * @return the states, budget by budget in order and name by name in name order
   */
  public List<BudgetState> evaluate() {
    Map<String, LatencyRecorder> recorders = registry.recorders();
    List<BudgetState> states = new ArrayList<>();
    for (Budget budget : budgets) {
      Map<String, BudgetStatus> previous = lastStatus.computeIfAbsent(budget, b -> new HashMap<>());
      Optional<String> only = budget.name();
      if (only.isPresent()) {
        states.add(judge(budget, only.get(), registry.find(only.get()), previous));
      } else {
        recorders.forEach(
            (name, recorder) -> states.add(judge(budget, name, Optional.of(recorder), previous)));
      }
    }
    return List.copyOf(states);
  }

  private BudgetState judge(
      Budget budget, String name, Optional<LatencyRecorder> recorder,
      Map<String, BudgetStatus> previous) {
    LatencySnapshot snapshot =
        recorder
            .map(r -> budget.window().map(r::snapshot).orElseGet(r::snapshot))
            .orElse(LatencySnapshot.EMPTY);
    long observed = snapshot.isEmpty() ? 0 : budget.statistic().of(snapshot);
    BudgetStatus status;
    if (snapshot.count() < minSamples) {
      status = BudgetStatus.NO_DATA;
    } else {
      status = budget.isMetBy(observed) ? BudgetStatus.MET : BudgetStatus.BREACHED;
    }
    BudgetState state = new BudgetState(budget, name, status, observed, snapshot.count());
    BudgetStatus before = previous.getOrDefault(name, BudgetStatus.NO_DATA);
    previous.put(name, status);
    if (status == BudgetStatus.BREACHED && before != BudgetStatus.BREACHED) {
      notifyListeners(state, true);
    } else if (status != BudgetStatus.BREACHED && before == BudgetStatus.BREACHED) {
      notifyListeners(state, false);
    }
    return state;
  }

  private void notifyListeners(BudgetState state, boolean breach) {
    for (BudgetListener listener : listeners) {
      try {
        if (breach) {
          listener.onBreach(state);
        } else {
          listener.onRecover(state);
        }
      } catch (RuntimeException failure) {
        LOG.warn("budget listener {} failed on {} of '{}' for {}", listener,
            breach ? "breach" : "recovery", state.budget(), state.name(), failure);
      }
    }
  }
}
