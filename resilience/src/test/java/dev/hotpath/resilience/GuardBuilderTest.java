package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad configurations fail at once, naming the value and the rule. */
class GuardBuilderTest {

  @Test
  void rejectsNameOutsideTheInstanceNameRule() {
    assertThatThrownBy(() -> Guard.builder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("guard name must be 1 to 64 letters, digits, '.', '_' or '-', was ' '");
    assertThatThrownBy(() -> Guard.builder("vision api"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("was 'vision api'");
    assertThatThrownBy(() -> Guard.builder(null))
        .isInstanceOf(NullPointerException.class).hasMessage("guard name must not be null");
  }

  @Test
  void rejectsZeroPermits() {
    assertThatThrownBy(() -> Guard.builder("g").bulkhead(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bulkhead maxConcurrentCalls must be at least 1, was 0");
    assertThatThrownBy(() -> Guard.builder("g").rateLimit(0, Duration.ofSeconds(1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rate limit permits must be at least 1, was 0");
    assertThatThrownBy(() -> Guard.builder("g").retry(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry maxAttempts must be at least 1, was 0");
  }

  @Test
  void rejectsNegativeOrInvertedBackoff() {
    assertThatThrownBy(() -> Guard.builder("g").retry(3, Duration.ofMillis(-1), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry initialBackoff must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> Guard.builder("g").retry(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry maxBackoff must be at least initialBackoff PT2S, was PT1S");
    assertThatThrownBy(() -> Guard.builder("g").backoffMultiplier(0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("backoff multiplier must be finite and at least 1, was 0.5");
    assertThatThrownBy(() -> Guard.builder("g").backoffMultiplier(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonPositiveDurations() {
    assertThatThrownBy(() -> Guard.builder("g").timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> Guard.builder("g").deadline(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("deadline must be positive, was PT-1S");
    assertThatThrownBy(() -> Guard.builder("g").rateLimit(1, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("rate limit period must be positive, was PT0S");
    assertThatThrownBy(() -> Guard.builder("g").bulkhead(1, Duration.ofMillis(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bulkhead maxWait must not be negative, was PT-0.005S");
  }

  @Test
  void rejectsTimeoutsAndWaitsLongerThanTheDeadlineAtBuild() {
    assertThatThrownBy(() -> Guard.builder("g").timeout(Duration.ofSeconds(5)).deadline(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("timeout must not be longer than the deadline PT2S, was PT5S");
    assertThatThrownBy(() -> Guard.builder("g").rateLimit(1, Duration.ofSeconds(1), Duration.ofSeconds(3))
            .deadline(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("rate limit maxWait must not be longer than the deadline PT2S, was PT3S");
  }

  @Test
  void rejectsNullCollaborators() {
    assertThatThrownBy(() -> Guard.builder("g").circuitBreaker(null)).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("circuit breaker config");
    assertThatThrownBy(() -> Guard.builder("g").listener(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Guard.builder("g").build().call(null, () -> "x"))
        .isInstanceOf(NullPointerException.class).hasMessage("key must not be null");
  }

  @Test
  void recordsLatencyAndCountsIntoTheSharedRegistry() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    Guard<String, String> guard = Guard.builder("vision-api").metrics(registry).build();

    guard.call("a", () -> "labels");
    assertThatThrownBy(() -> guard.call("b", () -> {
      throw new IllegalStateException("boom");
    })).isInstanceOf(IllegalStateException.class);

    assertThat(registry.series().keySet())
        .containsExactly(MetricId.of("hotpath.guard.call", "guard", "vision-api"));
    assertThat(registry.find(MetricId.of("hotpath.guard.call", "guard", "vision-api")).orElseThrow()
        .snapshot().count()).isEqualTo(2);
    assertThat(guard.stats().calls()).isEqualTo(2);
    assertThat(guard.stats().successes()).isEqualTo(1);
    assertThat(guard.stats().failures()).isEqualTo(1);
  }
}
