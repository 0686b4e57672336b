package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.micrometer.LatencyRegistryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a Prometheus scrape of a pool's metrics shows: dimensions, never SQL in a metric name. */
class PrometheusExportTest {

  @Test
  void statementsAndAcquiresAreExportedWithPoolAndFingerprintLabels() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new LatencyRegistryMetrics(registry).bindTo(prometheus);
    String longSelect = "SELECT " + "1 AS a_column_with_a_long_name, ".repeat(10) + "'x' AS s";
    try (HotpathDataSource db = HotpathDataSource.builder().name("main").hikari(H2Database.hikari())
        .metrics(registry).build();
         Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 42").close();
      s.executeQuery(longSelect).close();
    }
    String scrape = prometheus.scrape();
    List<String> samples = Arrays.stream(scrape.split("\n")).filter(line -> !line.startsWith("#"))
        .toList();
    assertThat(samples).contains(
        "hotpath_pool_statement_count_total{fingerprint=\"SELECT ?\",pool=\"main\"} 1.0",
        "hotpath_pool_acquire_count_total{pool=\"main\"} 1.0");
    assertThat(samples).anySatisfy(line -> assertThat(line)
        .startsWith("hotpath_pool_statement_seconds{fingerprint=\"SELECT ?\",pool=\"main\",statistic=\"p99\"}"));
    assertThat(samples).anySatisfy(line -> assertThat(line)
        .matches("hotpath_pool_statement_count_total\\{fingerprint=\"SELECT \\? AS a_column_with_a_long_name.*~[0-9a-f]{16}\",pool=\"main\"} 1.0"));
    // Every metric name is one of hotpath's: no SQL became a name.
    assertThat(samples).allSatisfy(line -> assertThat(line.substring(0, line.indexOf('{') < 0
        ? line.indexOf(' ') : line.indexOf('{'))).matches("hotpath_[a-z_]+"));
  }
}
