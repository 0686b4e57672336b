package dev.hotpath.metrics.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits budget text ({@code [target] <statistic> < <duration> [over <duration>]}) into its parts;
 * the parts' own rules are checked by whoever builds the budget.
 *
 * @param name the target before the statistic (a route or a metric id), trimmed; empty when the
 *     budget applies to every series
 * @param statistic the statistic label, such as {@code p95}
 * @param limit the limit's duration text
 * @param window the window's duration text, or {@code null} when there is no {@code over} clause
 */
public record BudgetText(String name, String statistic, String limit, String window) {
  /** The grammar, quoted in every parse error. */
  public static final String GRAMMAR =
      "'[target] <statistic> < <duration> [over <duration>]', e.g. 'GET /api/photos p95 < 300ms over 1m'"
          + " or 'hotpath.cache.load{cache=photos} p99 < 50ms'";

  // The target is everything before the last statistic that the rest of the text fits after.
  private static final Pattern FORM =
      Pattern.compile(
          "(?i)^(.*?)\\s*\\b(mean|p50|p90|p95|p99|p999|max)\\s*(<=|>=|=|>|<)\\s*(.+?)"
              + "(?:\\s+over\\s+(.+?))?\\s*$");

  /**
   * Splits budget text.
   *
   * @param text the budget text
   * @return its parts
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException naming the text and the grammar when it does not fit
   */
  public static BudgetText split(String text) {
    if (text == null) {
      throw new NullPointerException("budget text must not be null");
    }
    Matcher matcher = FORM.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "budget '" + text + "' does not read as " + GRAMMAR
              + "; statistic is one of mean, p50, p90, p95, p99, p999, max");
    }
    if (!"<".equals(matcher.group(3))) {
      throw new IllegalArgumentException(
          "budget '" + text + "' uses '" + matcher.group(3)
              + "'; a budget is an upper limit written with '<'");
    }
    return new BudgetText(
        matcher.group(1).trim(), matcher.group(2), matcher.group(4), matcher.group(5));
  }
}
