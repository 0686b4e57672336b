package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.resilience.GuardEvent.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GuardListenerTest {

  @Test
  void aRetriedCallThatFallsBackIsHeardAsOneEventPerStep() throws Exception {
    List<GuardEvent> events = new CopyOnWriteArrayList<>();
    Guard<String, String> guard = Guard.builder("vision-api")
        .retry(2, Duration.ZERO, Duration.ZERO)
        .fallback((key, failure) -> "fallback")
        .listener(events::add)
        .build();
    IOException down = new IOException("down");

    assertThat(guard.call("cat.jpg", () -> {
      throw down;
    })).isEqualTo("fallback");

    assertThat(events).extracting(GuardEvent::kind)
        .containsExactly(Kind.RETRYING, Kind.FAILED, Kind.FALLING_BACK);
    GuardEvent retry = events.get(0);
    assertThat(retry.guard()).isEqualTo("vision-api");
    assertThat(retry.attempt()).isEqualTo(1);
    assertThat(retry.retryDelay()).isEqualTo(Duration.ZERO);
    assertThat(retry.failure()).isSameAs(down);
    assertThat(events.get(1).failure()).isSameAs(down);
    assertThat(events.get(1).elapsedNanos()).isPositive();
    assertThat(events.get(2).rejection()).isNull();
  }

  @Test
  void aSuccessAndARejectionAreHeardWithTheirDetails() throws Exception {
    List<GuardEvent> events = new CopyOnWriteArrayList<>();
    Guard<String, String> guard = Guard.builder("vision-api")
        .rateLimit(1, Duration.ofHours(1), Duration.ZERO)
        .listener(events::add)
        .build();

    guard.call("a", () -> "labels");
    assertThatThrownBy(() -> guard.call("b", () -> "labels")).isInstanceOf(CallRejectedException.class);

    assertThat(events).extracting(GuardEvent::kind).containsExactly(Kind.SUCCEEDED, Kind.REJECTED);
    assertThat(events.get(0).failure()).isNull();
    assertThat(events.get(0).elapsed()).isEqualTo(Duration.ofNanos(events.get(0).elapsedNanos()));
    assertThat(events.get(1).rejection().reason()).isEqualTo(CallRejectedException.Reason.RATE_LIMITED);
  }

  @Test
  void aThrowingListenerNeitherChangesTheOutcomeNorSilencesTheOthers() throws Exception {
    AtomicInteger heard = new AtomicInteger();
    Guard<String, String> guard = Guard.builder("vision-api")
        .listener(event -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(event -> heard.incrementAndGet())
        .build();

    assertThat(guard.call("a", () -> "labels")).isEqualTo("labels");
    assertThat(guard.call("b", () -> "labels")).isEqualTo("labels");

    assertThat(heard).hasValue(2);
    assertThat(guard.stats().successes()).isEqualTo(2);
    assertThat(guard.stats().listenerFailures()).isEqualTo(2);
  }
}
