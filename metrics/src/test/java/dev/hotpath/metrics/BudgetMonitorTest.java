package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.testing.FakeTicker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BudgetMonitorTest {
  private static final long MS = 1_000_000;
  private static final MetricId GET_A = RouteMetric.of("GET /a");
  private static final MetricId FAST = MetricId.of("app.fast");
  private static final MetricId SLOW = MetricId.of("app.slow");

  private final FakeTicker ticker = new FakeTicker();
  private final LatencyRegistry registry =
      LatencyRegistry.builder().recorder(LatencyRecorder.builder().ticker(ticker)).build();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final BudgetListener listener = new BudgetListener() {
    @Override
    public void onBreach(BudgetState state) {
      events.add("breach " + shown(state.series()));
    }

    @Override
    public void onRecover(BudgetState state) {
      events.add("recover " + shown(state.series()) + " " + state.status());
    }
  };

  /** A route's series by its route, any other by its id. */
  private static String shown(MetricId series) {
    return series.tagValue(RouteMetric.ROUTE_TAG).orElse(series.toString());
  }

  private BudgetMonitor listenedMonitor(String budget) {
    return BudgetMonitor.builder(registry).budget(budget).listener(listener).build();
  }

  @Test
  void breachAndRecoveryAreEachReportedOncePerTransition() {
    BudgetMonitor monitor = listenedMonitor("GET /a p95 < 300ms");

    registry.record(GET_A, 100 * MS);
    assertThat(monitor.evaluate()).extracting(BudgetState::status).containsExactly(BudgetStatus.MET);

    registry.record(GET_A, 900 * MS);
    registry.record(GET_A, 900 * MS);
    monitor.evaluate();
    monitor.evaluate();
    assertThat(events).containsExactly("breach GET /a");
    BudgetState breached = monitor.states().get(0);
    assertThat(breached.status()).isEqualTo(BudgetStatus.BREACHED);
    assertThat(breached.observedNanos()).isGreaterThanOrEqualTo(900 * MS);
    assertThat(breached.count()).isEqualTo(3);

    ticker.advance(Duration.ofSeconds(61)); // the slow values leave the window
    for (int i = 0; i < 10; i++) {
      registry.record(GET_A, 50 * MS);
    }
    monitor.evaluate();
    monitor.evaluate();
    assertThat(events).containsExactly("breach GET /a", "recover GET /a MET");
  }

  @Test
  void emptyWindowIsNoDataAndRecoversABreach() {
    BudgetMonitor monitor = BudgetMonitor.builder(registry)
        .budget(Budget.of(GET_A, Statistic.MAX, Duration.ofMillis(10)))
        .listener(listener)
        .build();
    assertThat(monitor.evaluate().get(0).status()).isEqualTo(BudgetStatus.NO_DATA);
    assertThat(registry.find(GET_A)).as("evaluating creates no recorder").isEmpty();

    registry.record(GET_A, 20 * MS);
    monitor.evaluate();
    ticker.advance(Duration.ofMinutes(2));
    assertThat(monitor.evaluate().get(0).status()).isEqualTo(BudgetStatus.NO_DATA);
    assertThat(events).containsExactly("breach GET /a", "recover GET /a NO_DATA");
  }

  @Test
  void budgetWithoutTargetJudgesEverySeriesSeparately() {
    BudgetMonitor monitor = listenedMonitor("p99 < 100ms");
    registry.record(FAST, 1 * MS);
    registry.record(SLOW, 500 * MS);
    List<BudgetState> states = monitor.evaluate();
    assertThat(states).extracting(BudgetState::series).containsExactly(FAST, SLOW);
    assertThat(states).extracting(BudgetState::status)
        .containsExactly(BudgetStatus.MET, BudgetStatus.BREACHED);
    assertThat(events).containsExactly("breach app.slow");
  }

  @Test
  void aRouteBudgetJudgesTheRoutesSuccessfulRequestsOnly() {
    BudgetMonitor monitor = listenedMonitor("GET /api/photos p95 < 300ms");
    registry.record(RouteMetric.of("GET /api/photos", 404), 900 * MS); // a slow 404 is not the page
    registry.record(RouteMetric.of("GET /api/photos", 200), 100 * MS);
    assertThat(monitor.evaluate()).singleElement().satisfies(state -> {
      assertThat(state.series()).isEqualTo(MetricId.of("hotpath.http.server")
          .tag("outcome", "success").tag("route", "GET /api/photos"));
      assertThat(state.status()).isEqualTo(BudgetStatus.MET);
    });

    registry.record(RouteMetric.of("GET /api/photos", 304), 900 * MS);
    registry.record(RouteMetric.of("GET /api/photos", 200), 900 * MS);
    monitor.evaluate();
    assertThat(events).containsExactly("breach GET /api/photos");
  }

  @Test
  void aMetricIdBudgetJudgesThatSeries() {
    BudgetMonitor monitor = listenedMonitor("hotpath.cache.load{cache=photos} p99 < 10ms");
    registry.record(MetricId.of("hotpath.cache.load", "cache", "thumbnails"), 900 * MS);
    registry.record(MetricId.of("hotpath.cache.load", "cache", "photos"), 50 * MS);
    monitor.evaluate();
    assertThat(events).containsExactly("breach hotpath.cache.load{cache=photos}");
  }

  @Test
  void shortBudgetWindowLooksOnlyAtTheNewestSlices() {
    BudgetMonitor monitor = BudgetMonitor.builder(registry).budget("GET /a p95 < 300ms over 10s").build();
    registry.record(GET_A, 900 * MS);
    ticker.advance(Duration.ofSeconds(20));
    registry.record(GET_A, 10 * MS);
    assertThat(monitor.evaluate().get(0).status()).isEqualTo(BudgetStatus.MET);
  }

  @Test
  void minSamplesKeepsSparseWindowsUnjudged() {
    BudgetMonitor monitor = BudgetMonitor.builder(registry)
        .budget("GET /a p99 < 10ms").minSamples(3).listener(listener).build();
    registry.record(GET_A, 50 * MS);
    registry.record(GET_A, 50 * MS);
    assertThat(monitor.evaluate().get(0).status()).isEqualTo(BudgetStatus.NO_DATA);
    registry.record(GET_A, 50 * MS);
    assertThat(monitor.evaluate().get(0).status()).isEqualTo(BudgetStatus.BREACHED);
  }

  @Test
  void throwingListenerDoesNotStopOthers() {
    BudgetMonitor monitor = BudgetMonitor.builder(registry)
        .budget("GET /a max < 1ms")
        .listener(new BudgetListener() {
          @Override
          public void onBreach(BudgetState state) {
            throw new IllegalStateException("listener bug");
          }
        })
        .listener(listener)
        .build();
    registry.record(GET_A, 5 * MS);
    monitor.evaluate();
    assertThat(events).containsExactly("breach GET /a");
  }

  @Test
  void startedMonitorEvaluatesOnItsOwnUntilClosed() {
    registry.record(GET_A, 5 * MS);
    try (BudgetMonitor monitor = BudgetMonitor.builder(registry)
        .budget("GET /a max < 1ms").listener(listener).interval(Duration.ofMillis(5)).build()) {
      monitor.start();
      assertThat(monitor.isStarted()).isTrue();
      await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.states().isEmpty());
      assertThat(events).containsExactly("breach GET /a");
      monitor.close();
      assertThat(monitor.isStarted()).isFalse();
      assertThatThrownBy(monitor::start).hasMessage("budget monitor is closed and cannot be started");
    }
  }

  @Test
  void badConfigurationIsRejectedNamingValueAndRule() {
    BudgetMonitor.Builder builder = BudgetMonitor.builder(registry);
    assertThatThrownBy(() -> builder.interval(Duration.ZERO))
        .hasMessage("interval must be at least 1ms, was PT0S");
    assertThatThrownBy(() -> builder.minSamples(0)).hasMessage("minSamples must be at least 1, was 0");
    assertThatThrownBy(() -> builder.budget("p95 is fine")).hasMessageStartingWith("budget 'p95 is fine'");
    assertThatThrownBy(() -> builder.listener(null)).hasMessage("listener must not be null");
    assertThatThrownBy(() -> BudgetMonitor.builder(null)).hasMessage("registry must not be null");
  }
}
