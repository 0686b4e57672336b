package dev.hotpath.spring.boot.internal;

import dev.hotpath.core.HealthRegistry;

/**
 * A block's health checks, registered into the registry behind the Actuator contributor. Each
 * block's auto-configuration defines its own, so the health part needs no block on the class
 * path.
 */
@FunctionalInterface
public interface HealthContribution {
  /**
   * Registers this block's checks.
   *
   * @param registry the registry behind the {@code hotpath} health contributor
   */
  void registerInto(HealthRegistry registry);
}
