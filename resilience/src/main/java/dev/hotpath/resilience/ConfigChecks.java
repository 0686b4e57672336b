package dev.hotpath.resilience;

import java.time.Duration;
import java.util.Objects;

/** The argument rules the builders share, each failing with the value and the rule. */
final class ConfigChecks {
  private ConfigChecks() {}

  static String name(String what, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank, was "
          + (value == null ? "null" : '"' + value + '"'));
    }
    return value;
  }

  static int atLeastOne(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, was " + value);
    }
    return value;
  }

  static Duration positive(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + value);
    }
    return value;
  }

  static Duration notNegative(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative, was " + value);
    }
    return value;
  }
}
