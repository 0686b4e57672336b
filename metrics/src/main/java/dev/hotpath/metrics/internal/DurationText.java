package dev.hotpath.metrics.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in budgets: {@code 300ms}, {@code 1.5s}, {@code 1 min}.
 *
 * <p>Units: {@code ns}, {@code us} (or {@code µs}), {@code ms}, {@code s}, {@code m} (or
 * {@code min}), {@code h}. A decimal fraction is allowed as long as the result is a whole number of
 * nanoseconds.
 */
public final class DurationText {
  /** The units accepted, for error messages. */
  public static final String UNITS = "ns, us, ms, s, m (or min), h";

  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-zµ]*)");

  private DurationText() {}

  /**
   * Parses a positive duration.
   *
   * @param text the duration text, such as {@code 300ms}
   * @param what what the duration is, for the error message, such as {@code "budget limit"}
   * @return the duration
   * @throws IllegalArgumentException naming {@code text} and the rule it breaks
   */
  public static Duration parse(String text, String what) {
    Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          what + " must be a number followed by a unit (" + UNITS + "), was '" + text + "'");
    }
    long unitNanos = unitNanos(matcher.group(2));
    if (unitNanos == 0) {
      throw new IllegalArgumentException(
          what + " has unknown unit '" + matcher.group(2) + "' in '" + text + "'; use " + UNITS);
    }
    BigDecimal nanos = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos));
    if (nanos.signum() == 0) {
      throw new IllegalArgumentException(what + " must be positive, was '" + text + "'");
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException notWholeOrTooLarge) {
      throw new IllegalArgumentException(
          what + " must be a whole number of nanoseconds that fits in a long, was '" + text + "'");
    }
  }

  /**
   * Writes a duration in the largest unit that represents it exactly, such as {@code 300ms} or
   * {@code 1m}; {@link #parse} reads it back to the same duration.
   *
   * @param duration a positive duration
   * @return the text
   */
  public static String format(Duration duration) {
    long nanos = duration.toNanos();
    String[] units = {"h", "m", "s", "ms", "us"};
    long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    for (int i = 0; i < units.length; i++) {
      if (nanos % sizes[i] == 0) {
        return nanos / sizes[i] + units[i];
      }
    }
    return nanos + "ns";
  }

  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "µs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m", "min" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      default -> 0L;
    };
  }
}
