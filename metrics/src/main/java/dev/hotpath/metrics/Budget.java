package dev.hotpath.metrics;

import dev.hotpath.metrics.internal.BudgetText;
import dev.hotpath.metrics.internal.DurationText;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A latency budget: an upper limit on one statistic of one series, or of every series, over a
 * window.
 *
 * <p>Written as text: {@code [target] <statistic> < <duration> [over <duration>]}, for example
 * {@code "GET /api/photos p95 < 300ms over 1m"},
 * {@code "hotpath.cache.load{cache=photos} p99 < 50ms"} or {@code "p99 < 1s"}. The target is
 * <ul>
 *   <li>a metric id in its text form ({@link MetricId#parse}): a lower-case dotted name with at
 *       least one dot or a {@code {key=value, ...}} part; the budget judges that series;
 *   <li>any other text, a route: the budget judges the route's successful requests,
 *       {@code hotpath.http.server{outcome=success, route=<text>}} ({@link RouteMetric#of(String)}), the
 *       series the servlet adapter's timing filter records (so budgets written for route names
 *       before metrics had ids keep their meaning);
 *   <li>nothing: the budget judges each series of the registry separately.
 * </ul>
 * The statistic is one of {@code mean, p50, p90, p95, p99, p999, max}; durations take the units
 * {@code ns, us, ms, s, m (or min), h} and may have a decimal fraction ({@code 1.5s}). Without
 * {@code over} it is evaluated over the recorders' whole window; a longer {@code over} than the
 * recorders' window is evaluated over the whole window, a shorter one over the newest slices that
 * cover it.
 *
 * <p>A budget is met while the observed statistic is strictly below the limit. Instances are
 * immutable; {@link #toString()} returns the canonical text, which {@link #parse} reads back to an
 * equal budget.
 */
public final class Budget {
  // A target that reads as a metric id: dotted words with a dot or a tag part.
  private static final Pattern ID_TEXT =
      Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+(\\{.*})?|[a-z][a-z0-9_]*\\{.*}");

  private final MetricId target;
  private final Statistic statistic;
  private final Duration limit;
  private final Duration window;

  private Budget(MetricId target, Statistic statistic, Duration limit, Duration window) {
    this.target = target;
    this.statistic = statistic;
    this.limit = limit;
    this.window = window;
  }

  /**
   * Parses budget text such as {@code "GET /api/photos p95 < 300ms over 1m"}; see the class
   * description for the forms of the target.
   *
   * @param text the budget text
   * @return the budget
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException naming the text and the rule it breaks: the grammar, the
   *     statistic, a metric id's rules, a duration's unit, or a duration that is not positive
   */
  public static Budget parse(String text) {
    BudgetText parts = BudgetText.split(text);
    try {
      Duration limit = DurationText.parse(parts.limit(), "budget limit");
      Duration window =
          parts.window() == null ? null : DurationText.parse(parts.window(), "budget window");
      return new Budget(target(parts.name()), Statistic.fromLabel(parts.statistic()), limit, window);
    } catch (IllegalArgumentException broken) {
      throw new IllegalArgumentException(
          "budget '" + text + "' is invalid: " + broken.getMessage(), broken);
    }
  }

  private static MetricId target(String text) {
    if (text.isEmpty()) {
      return null;
    }
    return ID_TEXT.matcher(text).matches() ? MetricId.parse(text) : RouteMetric.of(text);
  }

  /**
   * Creates a budget for one series, evaluated over the recorders' whole window.
   *
   * @param series the series, such as {@code RouteMetric.of("GET /api/photos")} or
   *     {@code MetricId.of("hotpath.cache.load", "cache", "photos")}
   * @param statistic the statistic to limit
   * @param limit the limit the statistic must stay below; positive
   * @return the budget
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public static Budget of(MetricId series, Statistic statistic, Duration limit) {
    return new Budget(Objects.requireNonNull(series, "series must not be null"),
        requireStatistic(statistic), requirePositive(limit, "budget limit"), null);
  }

  /**
   * Creates a budget that applies to each series separately, evaluated over the recorders' whole
   * window.
   *
   * @param statistic the statistic to limit
   * @param limit the limit the statistic must stay below; positive
   * @return the budget
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code limit} is not positive
   */
  public static Budget forEverySeries(Statistic statistic, Duration limit) {
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
    return new Budget(target, statistic, limit, requirePositive(window, "budget window"));
  }

  /**
   * Returns the series this budget applies to.
   *
   * @return the series, or empty when the budget applies to every series
   */
  public Optional<MetricId> target() {
    return Optional.ofNullable(target);
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
    if (target != null) {
      text.append(targetText()).append(' ');
    }
    text.append(statistic.label()).append(" < ").append(DurationText.format(limit));
    if (window != null) {
      text.append(" over ").append(DurationText.format(window));
    }
    return text.toString();
  }

  /**
   * Budgets are equal when target, statistic, limit and window are.
   *
   * @param other the object to compare with
   * @return whether {@code other} is an equal budget
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof Budget that
        && Objects.equals(target, that.target)
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
    return Objects.hash(target, statistic, limit, window);
  }

  // A route's success series is written as the bare route, as users write it, unless the route
  // would read back as an id.
  private String targetText() {
    if (target.name().equals(RouteMetric.NAME) && target.tags().size() == 2
        && target.tagValue(RouteMetric.OUTCOME_TAG).orElse("").equals(RouteMetric.SUCCESS)) {
      String route = target.tagValue(RouteMetric.ROUTE_TAG).orElse("");
      if (!route.isEmpty() && !ID_TEXT.matcher(route).matches() && route.equals(route.trim())) {
        return route;
      }
    }
    return target.toString();
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
