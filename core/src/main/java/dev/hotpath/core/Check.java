package dev.hotpath.core;

import java.time.Duration;
import java.util.Locale;

/**
 * The argument checks every hotpath builder and value type uses, so one fault meets one exception
 * type in every module, with a message that names the value and the rule it broke:
 *
 * <ul>
 *   <li>a missing argument: {@link NullPointerException} "{@code <name> must not be null}";
 *   <li>a bad value: {@link IllegalArgumentException} "{@code <name> must <rule>, was <value>}",
 *       thrown by the setter that received it;
 *   <li>settings that contradict each other: {@link IllegalStateException}, thrown by {@code
 *       build()} (see {@link #state}).
 * </ul>
 *
 * <p><b>Setting an option twice.</b> Every hotpath builder follows one rule: calling a setter again
 * replaces what the earlier call set (the last call wins), as with a Java bean. The one exception
 * is a role filled by one of several alternatives (a cache's bound, {@code maximumSize} or {@code
 * maximumWeight}; a data source's origin, {@code hikari} or {@code dataSource}): it is chosen once,
 * and a second choice, of the same alternative or another, throws {@link IllegalStateException} at
 * once, because silently replacing the first choice would drop settings of another kind. This is
 * what the builders did before the rule was written down, so no caller's behaviour changed.
 *
 * <p>Messages are built only when a check fails; a check that passes allocates nothing (the
 * formatting variants take their arguments as a varargs array, so keep them off per-call paths).
 * Never pass a secret (a header value, a cookie, an SQL parameter, a cache key) as {@code value}:
 * it would appear in the message.
 */
public final class Check {
  private Check() {}

  /**
   * Checks that an argument is present.
   *
   * @param <T> the argument's type
   * @param value the argument
   * @param name the parameter or option, e.g. {@code "ticker"}
   * @return {@code value}
   * @throws NullPointerException "{@code <name> must not be null}" if {@code value} is null
   */
  public static <T> T notNull(T value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  /**
   * Checks that a text is present and not only whitespace.
   *
   * @param value the text
   * @param name the parameter or option, e.g. {@code "health check name"}
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is empty or only whitespace
   */
  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, was \"" + value + "\"");
    }
    return value;
  }

  /**
   * Checks that a duration is present and greater than zero.
   *
   * @param value the duration
   * @param name the option, e.g. {@code "timeout"}
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must be positive, was <value>}" if it is zero or
   *     negative
   */
  public static Duration positive(Duration value, String name) {
    notNull(value, name);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  /**
   * Checks that a duration is present and not negative (zero usually means "off").
   *
   * @param value the duration
   * @param name the option, e.g. {@code "negativeTtl"}
   * @return {@code value}
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException "{@code <name> must not be negative, was <value>}"
   */
  public static Duration notNegative(Duration value, String name) {
    notNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + value);
    }
    return value;
  }

  /**
   * Checks that a number is at least {@code minimum}.
   *
   * @param value the number
   * @param minimum the smallest allowed value
   * @param name the option, e.g. {@code "maximumSize"}
   * @return {@code value}
   * @throws IllegalArgumentException "{@code <name> must be at least <minimum>, was <value>}"
   */
  public static long atLeast(long value, long minimum, String name) {
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
    }
    return value;
  }

  /**
   * Checks that a number is at least {@code minimum}.
   *
   * @param value the number
   * @param minimum the smallest allowed value
   * @param name the option, e.g. {@code "retry maxAttempts"}
   * @return {@code value}
   * @throws IllegalArgumentException "{@code <name> must be at least <minimum>, was <value>}"
   */
  public static int atLeast(int value, int minimum, String name) {
    atLeast((long) value, minimum, name);
    return value;
  }

  /**
   * Checks a rule about one argument that the other checks do not cover.
   *
   * @param holds whether the argument keeps the rule
   * @param messageFormat the message, a {@link String#format} pattern naming the option, the rule
   *     and the value, e.g. {@code "retry maxBackoff must be at least initialBackoff %s, was %s"}
   * @param values the values for the pattern
   * @throws IllegalArgumentException with the formatted message if {@code holds} is false
   */
  public static void argument(boolean holds, String messageFormat, Object... values) {
    if (!holds) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, messageFormat, values));
    }
  }

  /**
   * Checks a rule that joins several settings, in {@code build()}, or that a builder's state
   * allows a call.
   *
   * @param holds whether the settings keep the rule
   * @param messageFormat the message, a {@link String#format} pattern naming the settings and the
   *     rule, e.g. {@code "cache '%s': failSafe needs a ttl"}
   * @param values the values for the pattern
   * @throws IllegalStateException with the formatted message if {@code holds} is false
   */
  public static void state(boolean holds, String messageFormat, Object... values) {
    if (!holds) {
      throw new IllegalStateException(String.format(Locale.ROOT, messageFormat, values));
    }
  }
}
