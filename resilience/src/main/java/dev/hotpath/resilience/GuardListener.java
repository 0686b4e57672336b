package dev.hotpath.resilience;

/**
 * Receives a {@link Guard}'s events, one {@link GuardEvent} per thing the guard did; switch on
 * {@link GuardEvent#kind()} for the ones you need. Listeners run on the calling (or completing)
 * thread, inline, so they must be quick and must not block. A listener that throws never changes
 * the call's outcome: its exception is counted and logged once (see {@link
 * dev.hotpath.core.Listeners}).
 *
 * <pre>{@code
 * Guard.builder("vision-api").retry(3, Duration.ofMillis(50), Duration.ofSeconds(1))
 *     .listener(event -> {
 *       if (event.kind() == GuardEvent.Kind.RETRYING) {
 *         log.info("retrying {} in {}", event.guard(), event.retryDelay());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
@FunctionalInterface
public interface GuardListener {

  /**
   * Hears one event.
   *
   * @param event what the guard did
   */
  void onEvent(GuardEvent event);
}
