package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricIdTest {

  @Test
  void tagsAreSortedByKeySoOrderDoesNotMatter() {
    MetricId a = MetricId.of("hotpath.pool.statement").tag("pool", "main").tag("fingerprint", "SELECT ?");
    MetricId b = MetricId.of("hotpath.pool.statement", "fingerprint", "SELECT ?").tag("pool", "main");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.tags()).containsExactly(Map.entry("fingerprint", "SELECT ?"), Map.entry("pool", "main"));
    assertThat(a).hasToString("hotpath.pool.statement{fingerprint=SELECT ?, pool=main}");
    assertThat(a.tag("pool", "read")).isNotEqualTo(a);
    assertThat(a.tagValue("pool")).contains("main");
  }

  @Test
  void overflowKeepsNameAndKeys() {
    MetricId id = MetricId.of("hotpath.cache.load", "cache", "photos");
    assertThat(id.overflow()).isEqualTo(MetricId.of("hotpath.cache.load", "cache", "other"));
    assertThat(id.overflow().isOverflow()).isTrue();
    assertThat(id.isOverflow()).isFalse();
  }

  @Test
  void badNamesKeysAndValuesAreRejectedNamingValueAndRule() {
    assertThatThrownBy(() -> MetricId.of("pool.main SELECT 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metric name must be 1 to 100 characters of lower-case dotted words"
            + " ([a-z][a-z0-9_]* separated by '.'), was 'pool.main SELECT 1'");
    assertThatThrownBy(() -> MetricId.of("Hotpath.x")).hasMessageContaining("'Hotpath.x'");
    assertThatThrownBy(() -> MetricId.of("a..b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricId.of("a.")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MetricId.of("x").tag("Pool", "main"))
        .hasMessage("tag key must be 1 to 32 characters of [a-z][a-z0-9_]*, was 'Pool'");
    assertThatThrownBy(() -> MetricId.of("x").tag("statistic", "p99"))
        .hasMessage("tag key 'statistic' is reserved for bindings");
    assertThatThrownBy(() -> MetricId.of("x").tag("route", "a\tb"))
        .hasMessage("tag value must not contain control characters, was 'a\\u0009b'");
    MetricId many = MetricId.of("x");
    for (int i = 0; i < MetricId.MAX_TAGS; i++) {
      many = many.tag("k" + i, "v");
    }
    MetricId full = many;
    assertThatThrownBy(() -> full.tag("one_more", "v")).hasMessageStartingWith("a metric id carries at most 8 tags");
  }

  @Test
  void textFormParsesBackToAnEqualId() {
    MetricId id = MetricId.of("hotpath.pool.statement", "pool", "main")
        .tag("fingerprint", "SELECT a, b FROM t WHERE c = ? AND d IN (?)");
    assertThat(MetricId.parse(id.toString())).isEqualTo(id);
    assertThat(MetricId.parse("hotpath.pool.acquire")).isEqualTo(MetricId.of("hotpath.pool.acquire"));
    assertThat(MetricId.parse("x{b=2, a=1}")).isEqualTo(MetricId.of("x", "a", "1").tag("b", "2"));
    assertThatThrownBy(() -> MetricId.parse("x{a=1"))
        .hasMessage("metric id 'x{a=1' does not read as name{key=value, ...}");
    assertThatThrownBy(() -> MetricId.parse("x{}"))
        .hasMessage("metric id 'x{}' does not read as name{key=value, ...}");
    assertThatThrownBy(() -> MetricId.parse("x{a}"))
        .hasMessage("metric id 'x{a}' has a tag without '=': 'a'");
    assertThatThrownBy(() -> MetricId.parse("X{a=1}")).isInstanceOf(IllegalArgumentException.class);
  }
}
