package dev.hotpath.core;

import dev.hotpath.core.internal.OrderedMaps;
import java.util.Map;
import java.util.Objects;

/**
 * The health of every registered component and their aggregate status.
 *
 * <p>Aggregation ({@link #of}): {@code DOWN} if any critical component is {@code DOWN};
 * otherwise {@code DEGRADED} if any component is {@code DEGRADED} or a non-critical component
 * is {@code DOWN}; otherwise {@code UP}, which includes a report with no components.
 *
 * @param status the aggregate status; must not be null
 * @param components each component's health by name, in registration order, copied; must not be
 *     null
 */
public record HealthReport(HealthStatus status, Map<String, ComponentHealth> components) {

  /**
   * Validates and copies the components.
   *
   * @param status the aggregate status
   * @param components each component's health by name
   * @throws NullPointerException if {@code status}, {@code components} or any of its names or
   *     entries is null
   */
  public HealthReport {
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(components, "components must not be null");
    components = copyOf(components);
  }

  /**
   * Builds a report whose status aggregates {@code components} by the rules above.
   *
   * @param components each component's health by name; must not be null
   * @return the report
   * @throws NullPointerException if {@code components} or any of its names or entries is null
   */
  public static HealthReport of(Map<String, ComponentHealth> components) {
    Objects.requireNonNull(components, "components must not be null");
    Map<String, ComponentHealth> copy = copyOf(components);
    HealthStatus status = HealthStatus.UP;
    for (ComponentHealth component : copy.values()) {
      HealthStatus reported = component.health().status();
      if (reported == HealthStatus.DOWN && component.critical()) {
        status = HealthStatus.DOWN;
        break;
      }
      if (reported != HealthStatus.UP) {
        status = HealthStatus.DEGRADED;
      }
    }
    return new HealthReport(status, copy);
  }

  private static Map<String, ComponentHealth> copyOf(Map<String, ComponentHealth> components) {
    return OrderedMaps.copyWithoutNulls(components, "component name", "health of component");
  }
}
