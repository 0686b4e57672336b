package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.testing.FakeTicker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyRegistryTest {
  private final FakeTicker ticker = new FakeTicker();

  private LatencyRegistry registry(int maxNames) {
    return LatencyRegistry.builder()
        .maxNames(maxNames)
        .recorder(LatencyRecorder.builder().ticker(ticker))
        .build();
  }

  @Test
  void sameNameReturnsSameRecorder() {
    LatencyRegistry registry = registry(10);
    assertThat(registry.recorder("GET /a")).isSameAs(registry.recorder("GET /a"));
    assertThat(registry.find("GET /a")).containsSame(registry.recorder("GET /a"));
    assertThat(registry.find("GET /b")).isEmpty();
  }

  @Test
  void namesOverTheCapShareTheOverflowRecorderAndAreCounted() {
    LatencyRegistry registry = registry(2);
    registry.record("a", 1_000);
    registry.record("b", 1_000);
    registry.record("c", 1_000);
    registry.record("d", 1_000);
    registry.record("a", 1_000);

    assertThat(registry.snapshots()).containsOnlyKeys("a", "b", LatencyRegistry.OVERFLOW_NAME);
    assertThat(registry.snapshots().get("a").count()).isEqualTo(2);
    assertThat(registry.snapshots().get(LatencyRegistry.OVERFLOW_NAME).count()).isEqualTo(2);
    assertThat(registry.refusedNames()).isEqualTo(2);
    assertThat(registry.recorder("zzz")).isSameAs(registry.recorder(LatencyRegistry.OVERFLOW_NAME));
  }

  @Test
  void capHoldsUnderConcurrentNewNames() throws Exception {
    LatencyRegistry registry = registry(50);
    StartedTogether.run(4, thread -> {
      for (int i = 0; i < 1_000; i++) {
        registry.record("name-" + thread + "-" + i, 1_000);
      }
    }, Thread::onSpinWait);
    assertThat(registry.recorders()).hasSize(51); // 50 names and "other"
    assertThat(registry.refusedNames()).isEqualTo(4_000 - 50);
    long total = registry.snapshots().values().stream().mapToLong(LatencySnapshot::count).sum();
    assertThat(total).isEqualTo(4_000);
  }

  @Test
  void newRecorderListenerSeesEveryCreatedName() {
    LatencyRegistry registry = registry(1);
    List<String> seen = new ArrayList<>();
    registry.onNewRecorder((name, recorder) -> seen.add(name));
    registry.record("a", 1);
    registry.record("a", 1);
    registry.record("b", 1);
    assertThat(seen).containsExactly("a", LatencyRegistry.OVERFLOW_NAME);
  }

  @Test
  void recordersUseTheTemplateAndIgnoreLaterChangesToIt() {
    LatencyRecorder.Builder template = LatencyRecorder.builder().window(Duration.ofSeconds(10), 2);
    LatencyRegistry registry = LatencyRegistry.builder().recorder(template).build();
    template.window(Duration.ofSeconds(99), 3);
    assertThat(registry.recorder("a").window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(registry.window()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void recordWithAnInvalidNameNeverThrowsAndCountsAsRefused() {
    LatencyRegistry registry = registry(10);
    registry.record((String) null, 1);
    registry.record("  ", 1);
    registry.record("bad\nname", 1);
    assertThat(registry.refusedNames()).isEqualTo(3);
    assertThat(registry.snapshots()).containsOnlyKeys(LatencyRegistry.OVERFLOW_NAME);
    assertThat(registry.snapshots().get(LatencyRegistry.OVERFLOW_NAME).count()).isEqualTo(3);
  }

  @Test
  void invalidNamesAndCapsAreRejectedNamingValueAndRule() {
    LatencyRegistry registry = registry(10);
    assertThatThrownBy(() -> registry.recorder((String) null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name must not be null");
    assertThatThrownBy(() -> registry.recorder(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must not be blank, was ' '");
    assertThatThrownBy(() -> registry.recorder("a\tb"))
        .hasMessage("name must not contain control characters, was 'a\\u0009b'");
    assertThatThrownBy(() -> registry.recorder("x".repeat(201)))
        .hasMessageStartingWith("name must be at most 200 characters, was 201");
    assertThatThrownBy(() -> LatencyRegistry.builder().maxNames(0))
        .hasMessage("maxNames must be at least 1, was 0");
    assertThatThrownBy(() -> LatencyRegistry.builder().recorder(null))
        .hasMessage("recorder template must not be null");
    assertThat(registry.recorders()).isEmpty();
  }

  @Test
  void eachNameHasItsOwnSeriesCapAndOverflowSeries() {
    LatencyRegistry registry = LatencyRegistry.builder().maxSeriesPerName(2)
        .recorder(LatencyRecorder.builder().ticker(ticker)).build();
    MetricId statement = MetricId.of("hotpath.pool.statement", "pool", "main");
    for (String fingerprint : List.of("A", "B", "C", "D")) {
      registry.record(statement.tag("fingerprint", fingerprint), 1_000);
    }
    registry.record(MetricId.of("hotpath.pool.acquire", "pool", "main"), 1_000);
    registry.record("GET /a", 1_000);

    MetricId overflow = MetricId.of("hotpath.pool.statement")
        .tag("pool", "other").tag("fingerprint", "other");
    assertThat(registry.series()).containsOnlyKeys(statement.tag("fingerprint", "A"),
        statement.tag("fingerprint", "B"), overflow,
        MetricId.of("hotpath.pool.acquire", "pool", "main"),
        MetricId.of(LatencyRegistry.FLAT_METRIC, LatencyRegistry.FLAT_TAG, "GET /a"));
    assertThat(registry.series().get(overflow).snapshot().count()).isEqualTo(2);
    assertThat(registry.refusedNames()).isEqualTo(2);
    assertThat(registry.recorder(statement.tag("fingerprint", "C"))).isSameAs(registry.series().get(overflow));
    // Flat names are the series of hotpath.latency, shown by their flat name.
    assertThat(registry.find("GET /a")).containsSame(
        registry.series().get(MetricId.of("hotpath.latency", "name", "GET /a")));
    assertThat(registry.snapshots()).containsKeys("GET /a",
        "hotpath.pool.statement{fingerprint=A, pool=main}");
  }

  @Test
  void newSeriesAreAnnouncedWithTheirIds() {
    LatencyRegistry registry = registry(10);
    List<MetricId> announced = new ArrayList<>();
    registry.onNewSeries((id, recorder) -> announced.add(id));
    MetricId id = MetricId.of("hotpath.guard.call", "guard", "vision-api");
    registry.recorder(id);
    registry.recorder(id);
    registry.record("GET /a", 1);
    assertThat(announced).containsExactly(id, MetricId.of("hotpath.latency", "name", "GET /a"));
  }

  @Test
  void namesPastTheNameCapShareOneSeries() {
    LatencyRegistry registry = registry(10);
    for (int i = 0; i < LatencyRegistry.MAX_METRIC_NAMES; i++) {
      registry.record(MetricId.of("app.metric" + i, "k", "v"), 1_000);
    }
    registry.record(MetricId.of("app.one_too_many", "k", "v"), 1_000);
    registry.record(MetricId.of("app.one_more"), 1_000);
    assertThat(registry.series()).hasSize(LatencyRegistry.MAX_METRIC_NAMES + 1)
        .containsKey(LatencyRegistry.OTHER_NAMES);
    assertThat(registry.series().get(LatencyRegistry.OTHER_NAMES).snapshot().count()).isEqualTo(2);
    assertThat(registry.refusedNames()).isEqualTo(2);
    assertThat(registry.recorder(MetricId.of("app.metric7", "k", "w")))
        .as("a known name still gets new series").isNotSameAs(registry.series().get(LatencyRegistry.OTHER_NAMES));
  }
}
