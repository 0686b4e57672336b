package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.metrics.LatencyRegistry;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class HotpathInstallTest {
  private static final String JSON = "{\"photos\":[" + "{\"id\":7,\"title\":\"harbour\"},".repeat(60) + "{}]}";

  @ContainerTest
  void theInstalledChainWorksEndToEnd() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    MetricsServlet metrics = new MetricsServlet(registry, Duration.ofMillis(50), MonitoringAccess.anyone());
    AtomicReference<List<String>> names = new AtomicReference<>();
    HotpathOptions options = HotpathOptions.builder()
        .timing(TimingFilter.builder().metrics(registry).build())
        .cacheControl(CacheControlFilter.builder()
            .rule("/api/*", CachePolicy.noCache()).build())
        .build();
    try (TestServer server = TestServer.start(context -> {
      names.set(Hotpath.install(context, options));
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
        resp.setContentType("application/json");
        resp.getOutputStream().write(JSON.getBytes(UTF_8));
      }), "/api/*");
      TestServer.addServlet(context, metrics, "/metrics/*");
    })) {
      assertThat(names.get()).containsExactly("hotpath-timing", "hotpath-dedup",
          "hotpath-cache-control", "hotpath-compression", "hotpath-etag");

      HttpResponse<byte[]> first = server.get("/api/photos", "Accept-Encoding", "gzip");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).matches("\"[0-9a-f]{16}-gzip\"");
      assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, no-cache");
      assertThat(first.headers().firstValue("Server-Timing").orElseThrow()).startsWith("total;dur=");
      assertThat(new String(CompressionFilterTest.gunzip(first.body()), UTF_8)).isEqualTo(JSON);

      HttpResponse<byte[]> revalidated = server.get("/api/photos", "Accept-Encoding", "gzip", "If-None-Match", etag);
      assertThat(revalidated.statusCode()).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();
      await().untilAsserted(() -> assertThat(RecordedRoutes.count(registry, "GET /api/*")).isEqualTo(2));

      // The async SSE stream passes through every filter and still arrives event by event.
      HttpResponse<InputStream> events = server.stream(server.request("/metrics/stream").header("Accept-Encoding", "gzip"));
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(
          new GZIPInputStream(events.body(), 64), UTF_8))) {
        assertThat(lines.readLine()).isEqualTo("event: snapshot");
        assertThat(lines.readLine()).startsWith("data: {").contains("GET /api/*");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> metrics.streamClients() == 0);
    }
  }

  @Test
  void optionsRefuseNullFilters() {
    assertThatThrownBy(() -> HotpathOptions.builder().etag(null))
        .hasMessage("ETAG filter must not be null; use without(ETAG)");
    assertThat(HotpathOptions.builder().without(Hotpath.Layer.DEDUP).build().filter(Hotpath.Layer.DEDUP)).isNull();
  }
}
