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

  private static final MetricId ROUTES = MetricId.of("app.route");

  private LatencyRegistry registry(int maxSeriesPerName) {
    return LatencyRegistry.builder()
        .maxSeriesPerName(maxSeriesPerName)
        .recorder(LatencyRecorder.builder().ticker(ticker))
        .build();
  }

  private static MetricId route(String value) {
    return ROUTES.tag("route", value);
  }

  private static long count(LatencyRegistry registry, MetricId id) {
    return registry.find(id).orElseThrow().snapshot().count();
  }

  @Test
  void sameIdReturnsSameRecorder() {
    LatencyRegistry registry = registry(10);
    assertThat(registry.recorder(route("GET /a"))).isSameAs(registry.recorder(route("GET /a")));
    assertThat(registry.find(route("GET /a"))).containsSame(registry.recorder(route("GET /a")));
    assertThat(registry.find(route("GET /b"))).isEmpty();
    assertThat(registry.find(null)).isEmpty();
    assertThatThrownBy(() -> registry.recorder(null)).hasMessage("id must not be null");
  }

  @Test
  void seriesOverTheCapShareTheOverflowSeriesAndAreCounted() {
    LatencyRegistry registry = registry(2);
    registry.record(route("a"), 1_000);
    registry.record(route("b"), 1_000);
    registry.record(route("c"), 1_000);
    registry.record(route("d"), 1_000);
    registry.record(route("a"), 1_000);

    assertThat(registry.series()).containsOnlyKeys(route("a"), route("b"), route("other"));
    assertThat(count(registry, route("a"))).isEqualTo(2);
    assertThat(count(registry, route("other"))).isEqualTo(2);
    assertThat(registry.refusedNames()).isEqualTo(2);
    assertThat(registry.recorder(route("zzz"))).isSameAs(registry.recorder(route("other")));
  }

  @Test
  void capHoldsUnderConcurrentNewSeries() throws Exception {
    LatencyRegistry registry = registry(50);
    StartedTogether.run(4, thread -> {
      for (int i = 0; i < 1_000; i++) {
        registry.record(route("name-" + thread + "-" + i), 1_000);
      }
    }, Thread::onSpinWait);
    assertThat(registry.series()).hasSize(51); // 50 series and the overflow one
    assertThat(registry.refusedNames()).isEqualTo(4_000 - 50);
    long total = registry.series().values().stream().mapToLong(r -> r.snapshot().count()).sum();
    assertThat(total).isEqualTo(4_000);
  }

  @Test
  void recordersUseTheTemplateAndIgnoreLaterChangesToIt() {
    LatencyRecorder.Builder template = LatencyRecorder.builder().window(Duration.ofSeconds(10), 2);
    LatencyRegistry registry = LatencyRegistry.builder().recorder(template).build();
    template.window(Duration.ofSeconds(99), 3);
    assertThat(registry.recorder(route("a")).window()).isEqualTo(Duration.ofSeconds(10));
    assertThat(registry.window()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void badCapsAreRejectedNamingValueAndRule() {
    assertThatThrownBy(() -> LatencyRegistry.builder().maxSeriesPerName(0))
        .hasMessage("maxSeriesPerName must be at least 1, was 0");
    assertThatThrownBy(() -> LatencyRegistry.builder().recorder(null))
        .hasMessage("recorder template must not be null");
    assertThat(registry(10).series()).isEmpty();
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

    MetricId overflow = MetricId.of("hotpath.pool.statement")
        .tag("pool", "other").tag("fingerprint", "other");
    assertThat(registry.series()).containsOnlyKeys(statement.tag("fingerprint", "A"),
        statement.tag("fingerprint", "B"), overflow,
        MetricId.of("hotpath.pool.acquire", "pool", "main"));
    assertThat(registry.series().get(overflow).snapshot().count()).isEqualTo(2);
    assertThat(registry.refusedNames()).isEqualTo(2);
    assertThat(registry.recorder(statement.tag("fingerprint", "C"))).isSameAs(registry.series().get(overflow));
  }

  @Test
  void newSeriesAreAnnouncedWithTheirIds() {
    LatencyRegistry registry = registry(10);
    List<MetricId> announced = new ArrayList<>();
    registry.onNewSeries((id, recorder) -> announced.add(id));
    MetricId id = MetricId.of("hotpath.guard.call", "guard", "vision-api");
    registry.recorder(id);
    registry.recorder(id);
    registry.record(route("GET /a"), 1);
    assertThat(announced).containsExactly(id, route("GET /a"));
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
