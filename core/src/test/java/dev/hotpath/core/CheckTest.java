package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CheckTest {

  @Test
  void notNullNamesTheParameter() {
    assertThat(Check.notNull("x", "ticker")).isEqualTo("x");
    assertThatThrownBy(() -> Check.notNull(null, "ticker"))
        .isInstanceOf(NullPointerException.class).hasMessage("ticker must not be null");
  }

  @Test
  void notBlankRejectsNullAsMissingAndBlankAsBadValue() {
    assertThat(Check.notBlank("db", "health check name")).isEqualTo("db");
    assertThatThrownBy(() -> Check.notBlank(null, "health check name"))
        .isInstanceOf(NullPointerException.class).hasMessage("health check name must not be null");
    assertThatThrownBy(() -> Check.notBlank(" ", "health check name"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health check name must not be blank, was \" \"");
  }

  @Test
  void positiveDurationNamesValueAndRule() {
    assertThat(Check.positive(Duration.ofMillis(1), "timeout")).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> Check.positive(Duration.ZERO, "timeout"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> Check.positive(Duration.ofSeconds(-1), "timeout"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> Check.positive(null, "timeout"))
        .isInstanceOf(NullPointerException.class).hasMessage("timeout must not be null");
  }

  @Test
  void notNegativeDurationAllowsZero() {
    assertThat(Check.notNegative(Duration.ZERO, "negativeTtl")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> Check.notNegative(Duration.ofNanos(-1), "negativeTtl"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negativeTtl must not be negative, was PT-0.000000001S");
    assertThatThrownBy(() -> Check.notNegative(null, "negativeTtl"))
        .isInstanceOf(NullPointerException.class).hasMessage("negativeTtl must not be null");
  }

  @Test
  void atLeastNamesTheMinimumAndTheValue() {
    assertThat(Check.atLeast(3, 1, "retry maxAttempts")).isEqualTo(3);
    assertThat(Check.atLeast(5L, 1L, "maximumSize")).isEqualTo(5L);
    assertThatThrownBy(() -> Check.atLeast(0, 1, "retry maxAttempts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry maxAttempts must be at least 1, was 0");
    assertThatThrownBy(() -> Check.atLeast(-2L, 0L, "compressAbove"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("compressAbove must be at least 0, was -2");
  }

  @Test
  void argumentFormatsItsMessageOnlyWhenTheRuleIsBroken() {
    Check.argument(true, "never formatted %d", "not a number");
    assertThatThrownBy(() -> Check.argument(false,
            "retry maxBackoff must be at least initialBackoff %s, was %s",
            Duration.ofMillis(10), Duration.ofMillis(5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry maxBackoff must be at least initialBackoff PT0.01S, was PT0.005S");
  }

  @Test
  void stateReportsContradictorySettingsAsIllegalState() {
    Check.state(true, "never formatted %d", "not a number");
    assertThatThrownBy(() -> Check.state(false, "cache '%s': failSafe needs a ttl", "photos"))
        .isInstanceOf(IllegalStateException.class).hasMessage("cache 'photos': failSafe needs a ttl");
  }
}
