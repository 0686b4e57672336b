package dev.hotpath.spring.boot.internal;

import dev.hotpath.core.ComponentHealth;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.core.HealthReport;
import dev.hotpath.core.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * Shows a {@link HealthRegistry}'s report as one Actuator health contributor: its status, and one
 * detail per component with that component's status, message, details, whether it is critical
 * and how long its check took. The registry bounds each check with its timeout and caches the
 * report briefly, so frequent probes cost one round of checks per cache period.
 *
 * <p>{@code DEGRADED} becomes the Actuator status {@code DEGRADED}; Boot's default aggregation
 * ignores statuses it does not know, so it shows only when
 * {@code management.endpoint.health.status.order} lists it.
 */
public final class HotpathHealthIndicator implements HealthIndicator {
  /** The Actuator status for hotpath's {@link HealthStatus#DEGRADED}. */
  public static final Status DEGRADED = new Status("DEGRADED");

  private final HealthRegistry registry;
  private final DetailsGate gate;

  /**
   * Shows a registry, details to everyone Actuator shows them to.
   *
   * @param registry the registry whose checks are run
   */
  public HotpathHealthIndicator(HealthRegistry registry) {
    this(registry, () -> true);
  }

  /**
   * Shows a registry, details only to callers the gate allows (the others see the status).
   *
   * @param registry the registry whose checks are run
   * @param gate who may read the components' details
   */
  public HotpathHealthIndicator(HealthRegistry registry, DetailsGate gate) {
    this.registry = registry;
    this.gate = gate;
  }

  @Override
  public Health health() {
    HealthReport report = registry.check();
    Health.Builder health = Health.status(status(report.status()));
    if (!gate.detailsAllowed()) {
      return health.build();
    }
    report.components().forEach((name, component) -> health.withDetail(name, details(component)));
    return health.build();
  }

  private static Map<String, Object> details(ComponentHealth component) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", status(component.health().status()).getCode());
    if (!component.health().message().isEmpty()) {
      details.put("message", component.health().message());
    }
    details.put("critical", component.critical());
    details.put("tookMillis", component.took().toNanos() / 1_000_000.0);
    if (!component.health().details().isEmpty()) {
      details.put("details", component.health().details());
    }
    return details;
  }

  private static Status status(HealthStatus status) {
    return switch (status) {
      case UP -> Status.UP;
      case DEGRADED -> DEGRADED;
      case DOWN -> Status.DOWN;
    };
  }
}
