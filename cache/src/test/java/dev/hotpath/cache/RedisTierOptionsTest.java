package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad tier settings fail when set, or at build() before connecting, naming the value and rule. */
class RedisTierOptionsTest {
  /** Nothing listens here; every failure below comes before a connection is tried. */
  private static final RedisURI NOWHERE = RedisURI.create("redis://127.0.0.1:1");

  @Test
  void reconnectDelayMustBePositiveOrderedAndBounded() {
    RedisTier.Builder builder = RedisTier.builder(NOWHERE);
    assertThatThrownBy(() -> builder.reconnectDelay(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconnectDelay first must be positive, was PT0S");
    assertThatThrownBy(() -> builder.reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconnectDelay max must be positive, was PT-0.001S");
    assertThatThrownBy(() -> builder.reconnectDelay(Duration.ofSeconds(1), Duration.ofMillis(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconnectDelay max must be at least first, was max PT0.01S with first PT1S");
    assertThatThrownBy(() -> builder.reconnectDelay(Duration.ofMillis(10), Duration.ofMinutes(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reconnectDelay max must be at most PT1M, was PT2M");
  }

  @Test
  void circuitBreakerWaitMustBePositiveAndBounded() {
    RedisTier.Builder builder = RedisTier.builder(NOWHERE);
    assertThatThrownBy(() -> builder.circuitBreakerWait(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("circuitBreakerWait must be positive, was PT-1S");
    assertThatThrownBy(() -> builder.circuitBreakerWait(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("circuitBreakerWait must be at most PT10M, was PT11M");
  }

  @Test
  void circuitBreakerWaitContradictsAFullBreakerConfig() {
    RedisTier.Builder builder =
        RedisTier.builder(NOWHERE)
            .circuitBreakerWait(Duration.ofSeconds(2))
            .circuitBreaker(CircuitBreakerConfig.ofDefaults());
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("circuitBreakerWait (PT2S) and circuitBreaker(config) were both set");
  }

  @Test
  void heartbeatTimeoutMustBeZeroOrAtLeastThreeOperationTimeouts() {
    assertThatThrownBy(() -> RedisTier.builder(NOWHERE).heartbeatTimeout(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("heartbeatTimeout must not be negative, was PT-0.001S");
    assertThatThrownBy(() -> RedisTier.builder(NOWHERE).heartbeatTimeout(Duration.ofMinutes(11)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("heartbeatTimeout must be at most PT10M, was PT11M");
    RedisTier.Builder tooShort =
        RedisTier.builder(NOWHERE).operationTimeout(Duration.ofMillis(200)).heartbeatTimeout(Duration.ofMillis(500));
    assertThatThrownBy(tooShort::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("heartbeatTimeout must be zero or at least 3 x operationTimeout (PT0.6S), was PT0.5S");
  }

  @Test
  void theDefaultHeartbeatGrowsWithALongOperationTimeout() {
    // Not set by the caller, the heartbeat follows the operation timeout instead of failing
    // build(): this tier gets as far as connecting, which nothing at NOWHERE answers.
    RedisTier.Builder slowRedis = RedisTier.builder(NOWHERE).operationTimeout(Duration.ofSeconds(2));
    assertThatThrownBy(slowRedis::build).isInstanceOf(RedisConnectionException.class);
  }

  @Test
  void reconnectDelayNeedsATierThatCreatesItsClient() {
    RedisClient client = RedisClient.create();
    try {
      RedisTier.Builder builder =
          RedisTier.builder(client).reconnectDelay(Duration.ofMillis(10), Duration.ofMillis(100));
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("reconnectDelay applies only to a tier built from a RedisURI");
    } finally {
      client.shutdown();
    }
  }
}
