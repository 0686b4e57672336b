package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

class HealthServletTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ContainerTest
  void readinessFollowsTheChecksAndLivenessDoesNot() throws Exception {
    AtomicReference<Health> database = new AtomicReference<>(Health.up().withDetail("pool", 10));
    try (HealthRegistry registry = HealthRegistry.builder().cacheFor(Duration.ofNanos(1)).build()) {
      registry.register("database", database::get);
      registry.register("search", () -> Health.degraded("slow replica"), false);
      try (TestServer server = TestServer.start(context ->
          TestServer.addServlet(context, new HealthServlet(registry, MonitoringAccess.anyone()), "/health/*"))) {
        HttpResponse<byte[]> ready = server.get("/health/ready");
        JsonNode body = JSON.readTree(ready.body());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.at("/components/database/status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/database/critical").asBoolean()).isTrue();
        assertThat(body.at("/components/database/details/pool").asInt()).isEqualTo(10);
        assertThat(body.at("/components/search/message").asText()).isEqualTo("slow replica");

        database.set(Health.down("connection refused"));
        HttpResponse<byte[]> down = server.get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(down.body()).get("status").asText()).isEqualTo("DOWN");

        HttpResponse<byte[]> live = server.get("/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(new String(live.body(), UTF_8)).isEqualTo("{\"status\":\"UP\"}");
        assertThat(server.get("/health/other").statusCode()).isEqualTo(404);
      }
    }
  }
}
