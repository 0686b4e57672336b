package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetTest {

  @Test
  void parsesNameStatisticLimitAndWindow() {
    Budget budget = Budget.parse("GET /api/photos p95 < 300ms over 1m");
    assertThat(budget.name()).contains("GET /api/photos");
    assertThat(budget.statistic()).isEqualTo(Statistic.P95);
    assertThat(budget.limit()).isEqualTo(Duration.ofMillis(300));
    assertThat(budget.window()).contains(Duration.ofMinutes(1));
    assertThat(budget).isEqualTo(Budget.of("GET /api/photos", Statistic.P95, Duration.ofMillis(300))
        .over(Duration.ofMinutes(1)));
  }

  @Test
  void parsesBudgetForEveryNameWithSpacedUnitsAndFractions() {
    Budget budget = Budget.parse("  P99<1.5s over 1 min ");
    assertThat(budget.name()).isEmpty();
    assertThat(budget.statistic()).isEqualTo(Statistic.P99);
    assertThat(budget.limit()).isEqualTo(Duration.ofMillis(1500));
    assertThat(budget.window()).contains(Duration.ofMinutes(1));
    assertThat(Budget.parse("mean < 250us").limit()).isEqualTo(Duration.ofNanos(250_000));
    assertThat(Budget.parse("max < 2h").window()).isEmpty();
  }

  @Test
  void nameMayContainAStatisticWord() {
    Budget budget = Budget.parse("GET /max/p95 p99 < 10ms");
    assertThat(budget.name()).contains("GET /max/p95");
    assertThat(budget.statistic()).isEqualTo(Statistic.P99);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "GET /api/photos p95 < 300ms over 1m", "p99 < 1500ms", "mean < 250us", "max < 7ns over 2h"})
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
    Budget budget = Budget.forEveryName(Statistic.P95, Duration.ofMillis(300));
    assertThat(budget.isMetBy(299_999_999)).isTrue();
    assertThat(budget.isMetBy(300_000_000)).isFalse();
  }

  @Test
  void unparseableTextIsRejectedNamingTextAndRule() {
    assertThatThrownBy(() -> Budget.parse("fast please"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("budget 'fast please' does not read as '[name] <statistic> < <duration>");
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
    assertThatThrownBy(() -> Budget.of("a", Statistic.P95, Duration.ZERO))
        .hasMessage("budget limit must be positive, was PT0S");
    assertThatThrownBy(() -> Budget.of(" ", Statistic.P95, Duration.ofSeconds(1)))
        .hasMessage("name must not be blank, was ' '");
    assertThatThrownBy(() -> Budget.forEveryName(null, Duration.ofSeconds(1)))
        .hasMessage("statistic must not be null");
    assertThatThrownBy(() -> Budget.forEveryName(Statistic.MAX, Duration.ofSeconds(1))
            .over(Duration.ofSeconds(-1)))
        .hasMessage("budget window must be positive, was PT-1S");
    assertThatThrownBy(() -> Statistic.fromLabel("p42"))
        .hasMessage("statistic must be one of mean, p50, p90, p95, p99, p999, max, was 'p42'");
  }
}
