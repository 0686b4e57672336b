package dev.hotpath.core;

import dev.hotpath.core.internal.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link HealthCheck}: a status, a message for people, and details for
 * machines (pool sizes, latencies, versions).
 *
 * <p>Immutable. {@code details} keeps the order in which details were added; neither keys nor
 * values may be null.
 *
 * @param status the component's status; must not be null
 * @param message why the component has this status; empty when there is nothing to say; must
 *     not be null
 * @param details named facts about the component, copied; must not be null
 */
public record Health(HealthStatus status, String message, Map<String, Object> details) {

  private static final Health UP = new Health(HealthStatus.UP, "", Map.of());

  /**
   * Validates and copies the components.
   *
   * @param status the component's status
   * @param message why the component has this status
   * @param details named facts about the component
   * @throws NullPointerException if {@code status}, {@code message}, {@code details} or any of
   *     its keys or values is null
   */
  public Health {
    Objects.requireNonNull(status, "status must not be null");
    Objects.requireNonNull(message, "message must not be null");
    Objects.requireNonNull(details, "details must not be null");
    details = copyOf(details);
  }

  /**
   * Returns a healthy outcome without message or details.
   *
   * @return an {@code UP} health
   */
  public static Health up() {
    return UP;
  }

  /**
   * Returns a working-but-impaired outcome.
   *
   * @param message why the component is degraded; must not be null
   * @return a {@code DEGRADED} health with {@code message}
   * @throws NullPointerException if {@code message} is null
   */
  public static Health degraded(String message) {
    return new Health(HealthStatus.DEGRADED, message, Map.of());
  }

  /**
   * Returns a not-working outcome.
   *
   * @param message why the component is down; must not be null
   * @return a {@code DOWN} health with {@code message}
   * @throws NullPointerException if {@code message} is null
   */
  public static Health down(String message) {
    return new Health(HealthStatus.DOWN, message, Map.of());
  }

  /**
   * Returns a copy of this health with one more detail, replacing any detail of the same key.
   *
   * @param key the detail's name; must not be null
   * @param value the detail's value; must not be null
   * @return a new health with the detail added
   * @throws NullPointerException if {@code key} or {@code value} is null
   */
  public Health withDetail(String key, Object value) {
    Objects.requireNonNull(key, "detail key must not be null");
    Objects.requireNonNull(value, () -> "value of detail " + key + " must not be null");
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new Health(status, message, more);
  }

  private static Map<String, Object> copyOf(Map<String, Object> details) {
    return OrderedMaps.copyWithoutNulls(details, "detail key", "value of detail");
  }
}
