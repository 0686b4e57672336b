package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.testing.StandardError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ListenersTest {

  @Test
  void everyListenerHearsTheEventInOrder() {
    List<String> heard = new ArrayList<>();
    Listeners<Consumer<String>> listeners =
        Listeners.of("guard 'g'", List.of(e -> heard.add("a:" + e), e -> heard.add("b:" + e)));

    listeners.notify("ok", Consumer::accept);

    assertThat(heard).containsExactly("a:ok", "b:ok");
    assertThat(listeners.failures()).isZero();
    assertThat(listeners.isEmpty()).isFalse();
    assertThat(listeners.asList()).hasSize(2);
  }

  @Test
  void aThrowingListenerNeverBreaksTheCallerNorTheOtherListeners() {
    List<String> heard = new ArrayList<>();
    Consumer<String> throwing = e -> {
      throw new IllegalStateException("boom");
    };
    Listeners<Consumer<String>> listeners =
        Listeners.of("guard 'g'", List.of(throwing, e -> heard.add(e)));

    listeners.notify("first", Consumer::accept);
    listeners.notify("second", Consumer::accept);

    assertThat(heard).containsExactly("first", "second");
    assertThat(listeners.failures()).isEqualTo(2);
  }

  @Test
  void aThrowingListenerIsLoggedOnceAndThenOnlyCounted() {
    Consumer<String> throwing = e -> {
      throw new IllegalStateException("boom");
    };
    Listeners<Consumer<String>> listeners = Listeners.of("budget monitor", List.of(throwing));

    String log = StandardError.capture(() -> {
      for (int i = 0; i < 3; i++) {
        listeners.notify("event", Consumer::accept);
      }
    });

    assertThat(log.lines().filter(line -> line.contains("of budget monitor threw")).count()).isEqualTo(1);
    assertThat(log).contains("IllegalStateException: boom");
    assertThat(listeners.failures()).isEqualTo(3);
  }

  @Test
  void errorsAreNotSwallowed() {
    Consumer<String> failing = e -> {
      throw new AssertionError("test failure must surface");
    };
    Listeners<Consumer<String>> listeners = Listeners.of("cache 'c'", List.of(failing));

    assertThatThrownBy(() -> listeners.notify("event", Consumer::accept)).isInstanceOf(AssertionError.class);
  }

  @Test
  void noListenersIsEmptyAndNullListenersAreRejected() {
    assertThat(Listeners.of("pool 'main'", List.of()).isEmpty()).isTrue();
    assertThatThrownBy(() -> Listeners.of("pool 'main'", Arrays.asList((Object) null)))
        .isInstanceOf(NullPointerException.class).hasMessage("listener must not be null");
    assertThatThrownBy(() -> Listeners.of(null, List.of()))
        .isInstanceOf(NullPointerException.class).hasMessage("owner must not be null");
  }
}
