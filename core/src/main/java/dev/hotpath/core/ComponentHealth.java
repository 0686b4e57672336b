package dev.hotpath.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One component's line in a {@link HealthReport}.
 *
 * @param health what the component's check reported, or the registry's verdict when the check
 *     threw or timed out; must not be null
 * @param critical whether the component being down makes the whole report {@code DOWN}
 * @param took how long the check ran, or the timeout if it timed out; must not be null or
 *     negative
 */
public record ComponentHealth(Health health, boolean critical, Duration took) {

  /**
   * Validates the components.
   *
   * @param health what the check reported
   * @param critical whether the component is critical
   * @param took how long the check ran
   * @throws NullPointerException if {@code health} or {@code took} is null
   * @throws IllegalArgumentException if {@code took} is negative
   */
  public ComponentHealth {
    Objects.requireNonNull(health, "health must not be null");
    Objects.requireNonNull(took, "took must not be null");
    if (took.isNegative()) {
      throw new IllegalArgumentException("took must not be negative, was " + took);
    }
  }
}
