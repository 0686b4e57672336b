package dev.hotpath.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Applies {@code hotpath.*} properties to hotpath's builders. While the properties are bound it
 * runs them against throwaway builders and collects every rejection under the property's name,
 * so startup fails with one message naming each bad property and the block's own rule; when the
 * beans are built it lets a rejection through (which cannot happen once binding passed). One
 * code path for both means the starter never restates a rule the blocks already enforce.
 */
final class Checks {
  private final List<String> problems;

  private Checks(List<String> problems) {
    this.problems = problems;
  }

  /** Collects rejections; {@link #throwIfAny()} reports them. */
  static Checks collecting() {
    return new Checks(new ArrayList<>());
  }

  /** Lets each rejection through; for building beans from properties already validated. */
  static Checks throwing() {
    return new Checks(null);
  }

  /**
   * Runs {@code setting}; a rejection is recorded against {@code property}.
   *
   * @param property the full property name, such as {@code hotpath.pool.slow-query-threshold}
   * @param setting applies the property to a builder
   */
  void apply(String property, Runnable setting) {
    try {
      setting.run();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException rejected) {
      if (problems == null) {
        throw rejected;
      }
      problems.add(property + ": " + rejected.getMessage());
    }
  }

  /**
   * Runs {@code setting} for its result; a rejection is recorded against {@code property}.
   *
   * @param property the full property name
   * @param setting builds a value from the property
   * @return the value, or null when it was rejected (and recorded)
   */
  <T> T get(String property, Supplier<T> setting) {
    List<T> result = new ArrayList<>(1);
    apply(property, () -> result.add(setting.get()));
    return result.isEmpty() ? null : result.get(0);
  }

  /**
   * Records a rule the starter itself adds (one that joins properties no builder sees together).
   *
   * @param property the full property name
   * @param rule what is wrong, naming the value
   */
  void reject(String property, String rule) {
    if (problems == null) {
      throw new IllegalArgumentException(property + ": " + rule);
    }
    problems.add(property + ": " + rule);
  }

  /** Throws one exception listing every rejection, if there were any. */
  void throwIfAny() {
    if (problems != null && !problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid hotpath properties:\n  " + String.join("\n  ", problems));
    }
  }
}
