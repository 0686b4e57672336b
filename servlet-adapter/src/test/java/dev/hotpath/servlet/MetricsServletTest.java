package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.RouteMetric;
import dev.hotpath.metrics.TagValues;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsServletTest {
  private static TestServer serve(MetricsServlet servlet) throws Exception {
    return TestServer.start(context -> {
      TestServer.addServlet(context, servlet, "/metrics/*").setAsyncSupported(true);
    });
  }

  private static final String LONG_SELECT =
      "SELECT " + "a_column_with_a_long_name, ".repeat(10) + "b FROM photos WHERE id = ?";

  private static LatencyRegistry registry() {
    LatencyRegistry registry = LatencyRegistry.create();
    registry.record(RouteMetric.of("GET /photos/*"), 2_000_000);
    registry.record(RouteMetric.of("GET /photos/*"), 4_000_000);
    registry.record(RouteMetric.of("GET /photos/*", 404), 1_000_000);
    registry.record(RouteMetric.of("GET /a \"quoted\" \\ route"), 1_000_000);
    registry.record(MetricId.of("hotpath.pool.statement", "pool", "main")
        .tag("fingerprint", TagValues.bounded(LONG_SELECT)), 3_000_000);
    return registry;
  }

  @ContainerTest
  void jsonReportCarriesEachSeriesMetricNameAndTags() throws Exception {
    try (TestServer server = serve(new MetricsServlet(registry(), Duration.ofSeconds(5), MonitoringAccess.anyone()))) {
      HttpResponse<byte[]> json = server.get("/metrics");
      assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      JsonNode route = seriesOf(new ObjectMapper().readTree(json.body()), "GET /photos/*");
      assertThat(route.get("metric").asText()).isEqualTo("hotpath.http.server");
      assertThat(route.get("tags").toString())
          .isEqualTo("{\"outcome\":\"success\",\"route\":\"GET /photos/*\"}");
      assertThat(route.get("count").asLong()).isEqualTo(2);
    }
  }

  @ContainerTest
  void prometheusTextCarriesRoutesAndFingerprintsAsLabelsNeverAsNames() throws Exception {
    try (TestServer server = serve(new MetricsServlet(registry(), Duration.ofSeconds(5), MonitoringAccess.anyone()))) {
      String text = new String(server.get("/metrics/prometheus").body(), UTF_8);
      List<String> lines = List.of(text.split("\n"));

      assertThat(lines).contains(
          "# TYPE hotpath_http_server_seconds summary",
          "hotpath_http_server_seconds_count{outcome=\"success\",route=\"GET /photos/*\"} 2",
          "hotpath_http_server_seconds_count{outcome=\"client_error\",route=\"GET /photos/*\"} 1",
          "hotpath_http_server_seconds_count{outcome=\"success\",route=\"GET /a \\\"quoted\\\" \\\\ route\"} 1",
          "# TYPE hotpath_http_server_max_seconds gauge",
          "# TYPE hotpath_pool_statement_seconds summary");
      assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(
          "hotpath_http_server_seconds{outcome=\"success\",route=\"GET /photos/*\",quantile=\"0.5\"} 0.00"));
      assertThat(lines).anySatisfy(line -> assertThat(line).matches(
          "hotpath_pool_statement_seconds_count\\{fingerprint=\"SELECT a_column_with_a_long_name, .*~[0-9a-f]{16}\",pool=\"main\"} 1"));
      // One HELP and one TYPE per family, and every sample's name is one of hotpath's: no SQL
      // and no route became a name.
      assertThat(lines.stream().filter(line -> line.startsWith("# TYPE hotpath_http_server_seconds ")))
          .hasSize(1);
      for (String line : lines) {
        assertThat(line).matches("(# (HELP|TYPE) hotpath_[a-z_]+ .*"
            + "|hotpath_[a-z_]+\\{(\\w+=\"([^\"\\\\\\n]|\\\\.)*\",?)+\\} [0-9.E-]+)");
      }
    }
  }

  private static JsonNode seriesOf(JsonNode report, String route) {
    for (JsonNode series : report.get("series")) {
      if (route.equals(series.get("tags").path("route").asText())
          && "success".equals(series.get("tags").path("outcome").asText())) {
        return series;
      }
    }
    throw new AssertionError("no series of route " + route + " in " + report);
  }

  @ContainerTest
  void streamSendsSnapshotsAndDropsClientsThatLeave() throws Exception {
    MetricsServlet servlet = new MetricsServlet(registry(), Duration.ofMillis(50), MonitoringAccess.anyone());
    try (TestServer server = serve(servlet)) {
      HttpResponse<InputStream> response = server.stream(server.request("/metrics/stream"));
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
        for (int event = 0; event < 3; event++) {
          assertThat(lines.readLine()).isEqualTo("event: snapshot");
          String data = lines.readLine();
          assertThat(data).startsWith("data: {");
          assertThat(seriesOf(new ObjectMapper().readTree(data.substring(6)), "GET /photos/*")
              .get("metric").asText()).isEqualTo("hotpath.http.server");
          assertThat(lines.readLine()).isEmpty();
        }
        assertThat(servlet.streamClients()).isEqualTo(1);
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> servlet.streamClients() == 0);
    }
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> new MetricsServlet(LatencyRegistry.create(), Duration.ofMillis(1)))
        .hasMessage("streamInterval must be at least 10ms, was PT0.001S");
  }
}
