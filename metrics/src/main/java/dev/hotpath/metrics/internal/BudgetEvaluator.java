package dev.hotpath.metrics.internal;

import dev.hotpath.core.Listeners;
import dev.hotpath.metrics.Budget;
import dev.hotpath.metrics.BudgetListener;
import dev.hotpath.metrics.BudgetState;
import dev.hotpath.metrics.BudgetStatus;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.MetricId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates budgets against a registry and reports each status transition once. Not thread-safe:
 * its owner calls it one evaluation at a time.
 */
public final class BudgetEvaluator {
  private final LatencyRegistry registry;
  private final List<Budget> budgets;
  private final Listeners<BudgetListener> listeners;
  private final long minSamples;
  /** Last status per budget and series; bounded by budgets times the registry's series. */
  private final Map<Budget, Map<MetricId, BudgetStatus>> lastStatus = new HashMap<>();

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
    this.listeners = Listeners.of("budget monitor", listeners);
    this.minSamples = minSamples;
  }

  /**
   * Evaluates every budget for every series it applies to and tells the listeners of transitions.
   *
   * @return the states, budget by budget in order and series by series in id order
   */
  public List<BudgetState> evaluate() {
    Map<MetricId, LatencyRecorder> recorders = registry.series();
    List<BudgetState> states = new ArrayList<>();
    for (Budget budget : budgets) {
      Map<MetricId, BudgetStatus> previous = lastStatus.computeIfAbsent(budget, b -> new HashMap<>());
      Optional<MetricId> only = budget.target();
      if (only.isPresent()) {
        states.add(judge(budget, only.get(), registry.find(only.get()), previous));
      } else {
        recorders.forEach(
            (id, recorder) -> states.add(judge(budget, id, Optional.of(recorder), previous)));
      }
    }
    return List.copyOf(states);
  }

  private BudgetState judge(
      Budget budget, MetricId series, Optional<LatencyRecorder> recorder,
      Map<MetricId, BudgetStatus> previous) {
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
    BudgetState state = new BudgetState(budget, series, status, observed, snapshot.count());
    BudgetStatus before = previous.getOrDefault(series, BudgetStatus.NO_DATA);
    previous.put(series, status);
    if (status == BudgetStatus.BREACHED && before != BudgetStatus.BREACHED) {
      notifyListeners(state, true);
    } else if (status != BudgetStatus.BREACHED && before == BudgetStatus.BREACHED) {
      notifyListeners(state, false);
    }
    return state;
  }

  private void notifyListeners(BudgetState state, boolean breach) {
    listeners.notify(state, breach ? BudgetListener::onBreach : BudgetListener::onRecover);
  }
}
