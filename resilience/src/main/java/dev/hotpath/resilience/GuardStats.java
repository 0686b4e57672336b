package dev.hotpath.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;

/**
 * Counts of a {@link Guard}'s calls since it was built, read without stopping the guard (so the
 * counts are each exact but not taken at one instant).
 *
 * @param calls calls that entered the guard's policies (cache hits and shared de-duplicated
 *     calls are not counted)
 * @param successes calls that ran and succeeded
 * @param failures calls that ran and failed (timeouts and deadline cuts included)
 * @param rejections rejections by reason (every reason present, zero when none)
 * @param retries attempts that were retried
 * @param fallbacks failures answered by the fallback
 * @param circuitState the circuit breaker's state now ({@code DISABLED} when none is configured)
 * @param listenerFailures times a {@link GuardListener} threw (contained: see {@link
 *     dev.hotpath.core.Listeners})
 */
public record GuardStats(long calls, long successes, long failures,
    Map<CallRejectedException.Reason, Long> rejections, long retries, long fallbacks,
    CircuitBreaker.State circuitState, long listenerFailures) {

  /**
   * Creates a snapshot, copying {@code rejections}.
   *
   * @param calls calls that entered the policies
   * @param successes successful calls
   * @param failures failed calls
   * @param rejections rejections by reason
   * @param retries retried attempts
   * @param fallbacks fallback answers
   * @param circuitState the breaker's state
   * @param listenerFailures contained listener failures
   */
  public GuardStats {
    rejections = Map.copyOf(rejections);
  }

  /**
   * Returns the number of rejections for one reason.
   *
   * @param reason the reason
   * @return how many calls were rejected for it
   */
  public long rejected(CallRejectedException.Reason reason) {
    return rejections.getOrDefault(reason, 0L);
  }
}
