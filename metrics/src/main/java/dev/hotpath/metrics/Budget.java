package dev.hotpath.metrics;

import dev.hotpath.metrics.internal.BudgetText;
import dev.hotpath.metrics.internal.DurationText;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A latency budget: an upper limit on one statistic of one name, or of every name, over a window.
 *
 * <p>Written as text: {@code [name] <statistic> < <duration> [over <duration>]}, for example
 * {@code "GET /api/photos p95 < 300ms over 1m"} or {@code "p99 < 1s"}. The statistic is one of
 * {@code mean, p50, p90, p95, p99, p999, max}; durations take the units {@code ns, us, ms, s, m
 * (or min), h} and may have a decimal fraction ({@code 1.5s}). Without a name the budget applies
 * to each name of the registry separately. Without {@code over} it is evaluated over the
 * recorders' whole window; a longer {@code over} than the recorders' window is evaluated over the
 * whole window, a shorter one over the newest slices that cover it.
 *
 * <p>A budget is met while the observed statistic is strictly below the limit. Instances are
 * immutable; {@link #toString()} returns the canonical text, which {@link #parse} reads back to an
 * equal budget.
 */
public final class Budget {
  private final String name;
  private final Statistic statistic;
  private final Duration limit;
  private final Duration window;

  private Budget(String name, Statistic statistic, Duration limit, Duration window) {
    this.name = name;
    this.statistic = statistic;
    this.limit = limit;
    this.window = window;
  }

  /**
   * Parses budget text such as {@code "GET /api/photos p95 < 300ms over 1m"}.
   *
   * @param text the budget text
   * @return the budget
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException naming the text and the rule it breaks: the grammar, the
   *     statistic, a duration's unit, or a duration that is not positive
   */
  public static Budget parse(String text) {
    BudgetText parts = BudgetText.split(text);
    try {
      Duration limit = DurationText.parse(parts.limit(), "budget limit");
      Duration window =
          parts.window() == null ? null : DurationText.parse(parts.window(), "budget window");
      String name = parts.name().isEmpty() ? null : TagValues.requireValid("name", parts.name());
      return new Budget(name, Statistic.fromLabel(parts.statistic()), limit, window);
    } catch (IllegalArgumentException broken) {
      throw new IllegalArgumentException(
          "budget '" + text + "' is invalid: " + broken.getMessage(), broken);
    }
  }

  /**
   * Creates a budget for one name, evaluated over the recorders' whole window.
   *
   * @param name the recorder name, such as {@code "GET /api/photos"}
   * @param statistic the statistic to limit
   * @param limit the limit the statistic must stay below; positive
   * @return the budget
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code name} is not a valid recorder name or
   *     {@code limit} is not positive
   */
  public static Budget of(String name, Statistic statistic, Duration limit) {
    return new Budget(TagValues.requireValid("name", name), requireStatistic(statistic),
        requirePositive(limit, "budget limit"), null);
  }

  /**
   * Creates a budget that applies to each name separately, evaluated over the recorders' whole
   * window.
   *
   * @param statistic the statistic to limit
   * @param limit the limit the statistic must stay below; positive
   * @return the budget
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public static Budget forEveryName(Statistic statistic, Duration limit) {
    return new Budget(null, requireStatistic(statistic), requirePositive(limit, "budget limit"), null);
  }

  /**
   * Returns a copy of this budget evaluated over the newest {@code window} of each recorder.
   *
   * @param window how far back to look; positive
   * @return the new budget
   * @throws NullPointerException if {@code window} is null
   * @throws IllegalArgumentException if {@code window} is not positive
   */
  public Budget over(Duration window) {
    return new Budget(name, statistic, limit, requirePositive(window, "budget window"));
  }

  /**
   * Returns the name this budget applies to.
   *
   * @return the name, or empty when the budget applies to every name
   */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /**
   * Returns the limited statistic.
   *
   * @return the statistic
   */
  public Statistic statistic() {
    return statistic;
  }

  /**
   * Returns the limit the statistic must stay below.
   *
   * @return the limit
   */
  public Duration limit() {
    return limit;
  }

  /**
   * Returns how far back the budget looks.
   *
   * @return the window, or empty for the recorders' whole window
   */
  public Optional<Duration> window() {
    return Optional.ofNullable(window);
  }

  /**
   * Returns whether an observed value meets this budget.
   *
   * @param observedNanos the observed statistic in nanoseconds
   * @return {@code true} when the value is strictly below the limit
   */
  public boolean isMetBy(long observedNanos) {
    return observedNanos < limit.toNanos();
  }

  /**
   * Returns the canonical budget text, such as {@code "GET /api/photos p95 < 300ms over 1m"}.
   *
   * @return text that {@link #parse} reads back to an equal budget
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (name != null) {
      text.append(name).append(' ');
    }
    text.append(statistic.label()).append(" < ").append(DurationText.format(limit));
    if (window != null) {
      text.append(" over ").append(DurationText.format(window));
    }
    return text.toString();
  }

  /**
   * Budgets are equal when name, statistic, limit and window are.
   *
   * @param other the object to compare with
   * @return whether {@code other} is an equal budget
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Budget that
        && Objects.equals(name, that.name)
        && statistic == that.statistic
        && limit.equals(that.limit)
        && Objects.equals(window, that.window);
  }

  /**
   * Returns a hash code consistent with {@link #equals}.
   *
   * @return the hash code
   */
  @Override
  public int hashCode() {
    return Objects.hash(name, statistic, limit, window);
  }

  private static Statistic requireStatistic(Statistic statistic) {
    return Objects.requireNonNull(statistic, "statistic must not be null");
  }

  private static Duration requirePositive(Duration duration, String what) {
    Objects.requireNonNull(duration, what + " must not be null");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, was " + duration);
    }
    try {
      duration.toNanos();
    } catch (ArithmeticException tooLarge) {
      throw new IllegalArgumentException(
          what + " must fit in a long of nanoseconds (about 292 years), was " + duration);
    }
    return duration;
  }
}
