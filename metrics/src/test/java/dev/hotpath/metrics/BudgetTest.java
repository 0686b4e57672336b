package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetTest {

  @Test
  void aRouteTargetsTheRoutesSuccessfulRequests() {
    Budget budget = Budget.parse("GET /api/photos p95 < 300ms over 1m");
    assertThat(budget.target()).contains(MetricId.of("hotpath.http.server")
        .tag("route", "GET /api/photos").tag("outcome", "success"));
    assertThat(budget.statistic()).isEqualTo(Statistic.P95);
    assertThat(budget.limit()).isEqualTo(Duration.ofMillis(300));
    assertThat(budget.window()).contains(Duration.ofMinutes(1));
    assertThat(budget).isEqualTo(Budget.of(RouteMetric.of("GET /api/photos"), Statistic.P95,
        Duration.ofMillis(300)).over(Duration.ofMinutes(1)));
    assertThat(budget).hasToString("GET /api/photos p95 < 300ms over 1m");
  }

  @Test
  void aMetricIdTargetsThatSeries() {
    Budget budget = Budget.parse("hotpath.cache.load{cache=photos} p99 < 50ms");
    assertThat(budget.target()).contains(MetricId.of("hotpath.cache.load", "cache", "photos"));
    assertThat(Budget.parse("hotpath.pool.acquire p99 < 5ms").target())
        .contains(MetricId.of("hotpath.pool.acquire"));
    Budget statement = Budget.parse(
        "hotpath.pool.statement{pool=main, fingerprint=SELECT max(a), b FROM t WHERE c = ?} max < 1s");
    assertThat(statement.target()).contains(MetricId.of("hotpath.pool.statement", "pool", "main")
        .tag("fingerprint", "SELECT max(a), b FROM t WHERE c = ?"));
    assertThat(statement.statistic()).isEqualTo(Statistic.MAX);
  }

  @Test
  void aLongRouteTargetsTheSeriesTheTimingFilterRecordsIt() {
    String route = "GET /" + "segment/".repeat(40);
    Budget budget = Budget.parse(route + " p95 < 300ms");
    assertThat(budget.target()).contains(RouteMetric.of(route));
    assertThat(budget.target().orElseThrow().tagValue("route").orElseThrow())
        .hasSizeLessThanOrEqualTo(TagValues.MAX_LENGTH);
  }

  @Test
  void parsesBudgetForEverySeriesWithSpacedUnitsAndFractions() {
    Budget budget = Budget.parse("  P99<1.5s over 1 min ");
    assertThat(budget.target()).isEmpty();
    assertThat(budget.statistic()).isEqualTo(Statistic.P99);
    assertThat(budget.limit()).isEqualTo(Duration.ofMillis(1500));
    assertThat(budget.window()).contains(Duration.ofMinutes(1));
    assertThat(Budget.parse("mean < 250us").limit()).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Budget.parse("max < 2h").window()).isEmpty();
  }

  @Test
  void targetMayContainAStatisticWord() {
    Budget budget = Budget.parse("GET /max/p95 p99 < 10ms");
    assertThat(budget.target()).contains(RouteMetric.of("GET /max/p95"));
    assertThat(budget.statistic()).isEqualTo(Statistic.P99);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET /api/photos p95 < 300ms over 1m", "p99 < 1500ms", "mean < 250us", "max < 7ns over 2h",
      "hotpath.cache.load{cache=photos} p99 < 50ms",
      "hotpath.http.server{outcome=client_error, route=GET /a} p95 < 1s",
      "hotpath.http.server{outcome=success, route=hotpath.looks.like.an.id} p95 < 1s"})
  void textRoundTrips(String text) {
    Budget budget = Budget.parse(text);
    assertThat(Budget.parse(budget.toString())).isEqualTo(budget);
  }

  @Test
  void canonicalTextUsesTheLargestExactUnit() {
    assertThat(Budget.parse("p99 < 1500ms over 60s")).hasToString("p99 < 1500ms over 1m");
  }

  @Test
  void metOnlyStrictlyBelowTheLimit() {
    Budget budget = Budget.forEverySeries(Statistic.P95, Duration.ofMillis(300));
    assertThat(budget.isMetBy(299_999_999)).isTrue();
    assertThat(budget.isMetBy(300_000_000)).isFalse();
  }

  @Test
  void unparseableTextIsRejectedNamingTextAndRule() {
    assertThatThrownBy(() -> Budget.parse("fast please"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("budget 'fast please' does not read as '[target] <statistic> < <duration>");
    assertThatThrownBy(() -> Budget.parse("hotpath.cache.load{cache} p95 < 1s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("budget 'hotpath.cache.load{cache} p95 < 1s' is invalid: metric id"
            + " 'hotpath.cache.load{cache}' has a tag without '='");
    assertThatThrownBy(() -> Budget.parse("p95 > 300ms"))
        .hasMessage("budget 'p95 > 300ms' uses '>'; a budget is an upper limit written with '<'");
    assertThatThrownBy(() -> Budget.parse("p95 < 300 parsecs"))
        .hasMessage("budget 'p95 < 300 parsecs' is invalid: budget limit has unknown unit 'parsecs'"
            + " in '300 parsecs'; use ns, us, ms, s, m (or min), h");
    assertThatThrownBy(() -> Budget.parse("p95 < 0ms"))
        .hasMessage("budget 'p95 < 0ms' is invalid: budget limit must be positive, was '0ms'");
    assertThatThrownBy(() -> Budget.parse("p95 < 300ms over soon"))
        .hasMessageContaining("budget window must be a number followed by a unit")
        .hasMessageContaining("was 'soon'");
    assertThatThrownBy(() -> Budget.parse("p95 < 0.5ns"))
        .hasMessageContaining("must be a whole number of nanoseconds");
    assertThatThrownBy(() -> Budget.parse(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("budget text must not be null");
  }

  @Test
  void factoriesRejectBadValuesNamingValueAndRule() {
    assertThatThrownBy(() -> Budget.of(RouteMetric.of("GET /a"), Statistic.P95, Duration.ZERO))
        .hasMessage("budget limit must be positive, was PT0S");
    assertThatThrownBy(() -> Budget.of(null, Statistic.P95, Duration.ofSeconds(1)))
        .hasMessage("series must not be null");
    assertThatThrownBy(() -> Budget.forEverySeries(null, Duration.ofSeconds(1)))
        .hasMessage("statistic must not be null");
    assertThatThrownBy(() -> Budget.forEverySeries(Statistic.MAX, Duration.ofSeconds(1))
            .over(Duration.ofSeconds(-1)))
        .hasMessage("budget window must be positive, was PT-1S");
    assertThatThrownBy(() -> Statistic.fromLabel("p42"))
        .hasMessage("statistic must be one of mean, p50, p90, p95, p99, p999, max, was 'p42'");
  }
}
