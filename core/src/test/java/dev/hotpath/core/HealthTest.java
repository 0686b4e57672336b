package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void factoriesSetStatusAndMessage() {
    assertThat(Health.up()).isEqualTo(new Health(HealthStatus.UP, "", Map.of()));
    assertThat(Health.degraded("slow")).isEqualTo(new Health(HealthStatus.DEGRADED, "slow", Map.of()));
    assertThat(Health.down("gone")).isEqualTo(new Health(HealthStatus.DOWN, "gone", Map.of()));
  }

  @Test
  void withDetailReturnsACopyKeepingInsertionOrder() {
    Health base = Health.up();
    Health detailed = base.withDetail("b", 2).withDetail("a", 1).withDetail("b", 3);

    assertThat(base.details()).isEmpty();
    assertThat(detailed.details()).containsExactly(Map.entry("b", 3), Map.entry("a", 1));
    assertThatThrownBy(() -> detailed.details().put("c", 4))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void detailsAreCopiedSoLaterChangesToTheSourceDoNotLeakIn() {
    Map<String, Object> source = new LinkedHashMap<>();
    source.put("pool", 10);
    Health health = new Health(HealthStatus.UP, "", source);

    source.put("pool", 0);

    assertThat(health.details()).containsEntry("pool", 10);
  }

  @Test
  void nullsAreRejectedNamingWhatIsMissing() {
    assertThatThrownBy(() -> Health.down(null)).hasMessage("message must not be null");
    assertThatThrownBy(() -> new Health(null, "", Map.of())).hasMessage("status must not be null");
    assertThatThrownBy(() -> Health.up().withDetail(null, 1)).hasMessage("detail key must not be null");
    assertThatThrownBy(() -> Health.up().withDetail("pool", null))
        .hasMessage("value of detail pool must not be null");
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("pool", null);
    assertThatThrownBy(() -> new Health(HealthStatus.UP, "", withNull))
        .hasMessage("value of detail pool must not be null");
  }

  @Test
  void reportAggregationFollowsCriticality() {
    assertThat(report(component(HealthStatus.UP, true)).status()).isEqualTo(HealthStatus.UP);
    assertThat(report(component(HealthStatus.DOWN, true), component(HealthStatus.UP, false)).status())
        .isEqualTo(HealthStatus.DOWN);
    assertThat(report(component(HealthStatus.DOWN, false), component(HealthStatus.UP, true)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(report(component(HealthStatus.DEGRADED, true)).status())
        .isEqualTo(HealthStatus.DEGRADED);
    assertThat(report(component(HealthStatus.DEGRADED, false), component(HealthStatus.DOWN, true)).status())
        .isEqualTo(HealthStatus.DOWN);
    assertThat(HealthReport.of(Map.of()).status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void componentHealthRejectsNegativeTook() {
    assertThatThrownBy(() -> new ComponentHealth(Health.up(), true, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("took must not be negative, was PT-0.001S");
  }

  private static ComponentHealth component(HealthStatus status, boolean critical) {
    return new ComponentHealth(new Health(status, status.name(), Map.of()), critical, Duration.ZERO);
  }

  private static HealthReport report(ComponentHealth... components) {
    Map<String, ComponentHealth> byName = new LinkedHashMap<>();
    for (int i = 0; i < components.length; i++) {
      byName.put("c" + i, components[i]);
    }
    return HealthReport.of(byName);
  }
}
