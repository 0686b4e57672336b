package dev.hotpath.core;

/**
 * Reports whether one component (a database, a cache tier, an external API) works.
 *
 * <p>A {@link HealthRegistry} runs checks on its own threads with a timeout, so a check may
 * block on I/O; it should still answer well within the registry's timeout, and should respond to
 * interruption, which is how the registry stops a check when it is closed.
 */
@FunctionalInterface
public interface HealthCheck {

  /**
   * Checks the component.
   *
   * @return the component's health; must not be null
   * @throws Exception if the check fails; the registry reports the component {@code DOWN} with
   *     the exception's message
   */
  Health check() throws Exception;
}
