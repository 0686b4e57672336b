package dev.hotpath.core;

/** The state of a component or of a whole {@link HealthReport}, from best to worst. */
public enum HealthStatus {
  /** Working normally. */
  UP,
  /** Working, but impaired: slower, partly unavailable, or a non-critical part is down. */
  DEGRADED,
  /** Not working. */
  DOWN
}
