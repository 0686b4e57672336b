package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.metrics.LatencyRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsServletTest {
  private static TestServer serve(MetricsServlet servlet) throws Exception {
    return TestServer.start(context -> {
      TestServer.addServlet(context, servlet, "/metrics/*").setAsyncSupported(true);
    });
  }

  private static LatencyRegistry registry() {
    LatencyRegistry registry = LatencyRegistry.create();
    registry.record("GET /photos/*", 2_000_000);
    registry.record("GET /photos/*", 4_000_000);
    registry.record("a \"quoted\" name", 1_000_000);
    return registry;
  }

  @ContainerTest
  void jsonReportAndPrometheusText() throws Exception {
    try (TestServer server = serve(new MetricsServlet(registry(), Duration.ofSeconds(5)))) {
      HttpResponse<byte[]> json = server.get("/metrics");
      assertThat(json.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(new ObjectMapper().readTree(json.body()).toString()).contains("GET /photos/*");

      String text = new String(server.get("/metrics/prometheus").body(), UTF_8);
      assertThat(text)
          .contains("# TYPE hotpath_latency_seconds summary")
          .contains("hotpath_latency_seconds_count{name=\"GET /photos/*\"} 2")
          .contains("hotpath_latency_seconds{name=\"GET /photos/*\",quantile=\"0.5\"} 0.00")
          .contains("hotpath_latency_seconds_count{name=\"a \\\"quoted\\\" name\"} 1");
      for (String line : text.split("\n")) {
        assertThat(line).matches("(# (HELP|TYPE) .*|hotpath_latency_\\w+\\{name=\"([^\"\\\\]|\\\\.)*\"(,quantile=\"[0-9.]+\")?\\} [0-9.E-]+)");
      }
    }
  }

  @ContainerTest
  void streamSendsSnapshotsAndDropsClientsThatLeave() throws Exception {
    MetricsServlet servlet = new MetricsServlet(registry(), Duration.ofMillis(50));
    try (TestServer server = serve(servlet)) {
      HttpResponse<InputStream> response = server.stream(server.request("/metrics/stream"));
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
        for (int event = 0; event < 3; event++) {
          assertThat(lines.readLine()).isEqualTo("event: snapshot");
          String data = lines.readLine();
          assertThat(data).startsWith("data: {");
          assertThat(new ObjectMapper().readTree(data.substring(6)).toString()).contains("GET /photos/*");
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
