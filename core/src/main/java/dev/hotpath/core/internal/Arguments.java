package dev.hotpath.core.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Validation shared by hotpath's builders and value types, with messages naming value and rule. */
public final class Arguments {
  private Arguments() {}

  /**
   * Checks that a name is present and not blank.
   *
   * @param name the name to check
   * @param what what the name names, for the message, e.g. {@code "health check name"}
   * @return {@code name}
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is empty or only whitespace
   */
  public static String requireNotBlank(String name, String what) {
    if (name == null) {
      throw new NullPointerException(what + " must not be null");
    }
    if (name.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, was \"" + name + "\"");
    }
    return name;
  }

  /**
   * Checks that a duration is present and greater than zero.
   *
   * @param duration the duration to check
   * @param what the option's name, for the message, e.g. {@code "timeout"}
   * @return {@code duration}
   * @throws NullPointerException if {@code duration} is null
   * @throws IllegalArgumentException if {@code duration} is zero or negative
   */
  public static Duration requirePositive(Duration duration, String what) {
    Objects.requireNonNull(duration, () -> what + " must not be null");
    if (duration.isZero() || duration.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive, was " + duration);
    }
    return duration;
  }

  /**
   * Copies a map into an unmodifiable one that keeps the source's iteration order, rejecting null
   * keys and values.
   *
   * @param <V> the value type
   * @param source the map to copy
   * @param keyWhat what a key is, for the message, e.g. {@code "detail key"}
   * @param valueWhat what a value is, followed by its key in the message, e.g. {@code "value of
   *     detail"}
   * @return the copy
   * @throws NullPointerException if a key or value is null
   */
  public static <V> Map<String, V> orderedCopyWithoutNulls(
      Map<String, ? extends V> source, String keyWhat, String valueWhat) {
    if (source.isEmpty()) {
      return Map.of();
    }
    Map<String, V> copy = new LinkedHashMap<>(source.size() * 2);
    source.forEach(
        (key, value) -> {
          Objects.requireNonNull(key, () -> keyWhat + " must not be null");
          Objects.requireNonNull(value, () -> valueWhat + " " + key + " must not be null");
          copy.put(key, value);
        });
    return Collections.unmodifiableMap(copy);
  }
}
