package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.RouteMetric;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

class MonitoringAccessTest {
  private static final String TOKEN = "0123456789abcdef-operator";
  private static final List<String> METRICS_PATHS =
      List.of("/metrics", "/metrics/prometheus", "/metrics/stream");

  private static LatencyRegistry registry() {
    LatencyRegistry registry = LatencyRegistry.create();
    registry.record(RouteMetric.of("GET /photos/*"), 2_000_000);
    return registry;
  }

  @ContainerTest
  void anonymousCallersGetNoMetricsByDefault() throws Exception {
    MetricsServlet servlet = new MetricsServlet(registry(), Duration.ofMillis(50));
    try (TestServer server = TestServer.start(context ->
        TestServer.addServlet(context, servlet, "/metrics/*"))) {
      for (String path : METRICS_PATHS) {
        HttpResponse<byte[]> response = server.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(403);
        assertThat(response.body()).as(path).isEmpty();
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
      }
      assertThat(servlet.streamClients()).isZero();
    }
  }

  @ContainerTest
  void aBearerTokenOpensTheMetricsAndAnyOtherGets401() throws Exception {
    MetricsServlet servlet = new MetricsServlet(registry(), Duration.ofMillis(50),
        MonitoringAccess.bearerToken(TOKEN));
    try (TestServer server = TestServer.start(context ->
        TestServer.addServlet(context, servlet, "/metrics/*"))) {
      for (String path : METRICS_PATHS) {
        for (String[] headers : List.of(new String[] {"X-Test", "none"},
            new String[] {"Authorization", "Bearer " + TOKEN + "x"},
            new String[] {"Authorization", "Basic " + TOKEN})) {
          HttpResponse<byte[]> refused = server.get(path, headers);
          assertThat(refused.statusCode()).as(path + " " + headers[1]).isEqualTo(401);
          assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Bearer");
          assertThat(refused.body()).isEmpty();
        }
      }
      HttpResponse<byte[]> report = server.get("/metrics", "Authorization", "bearer " + TOKEN);
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(new String(report.body(), UTF_8)).contains("GET /photos/*");
    }
  }

  @Test
  void theTokenAppearsInNoMessageAndNoString() {
    assertThat(MonitoringAccess.bearerToken(TOKEN).toString()).doesNotContain(TOKEN);
    assertThatThrownBy(() -> MonitoringAccess.bearerToken("short-secret"))
        .hasMessage("monitoring bearer token must have at least 16 characters, had 12");
    assertThatThrownBy(() -> MonitoringAccess.bearerToken("a secret with spaces"))
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> MonitoringAccess.bearerToken(null))
        .isInstanceOf(NullPointerException.class).hasMessage("token must not be null");
    assertThatThrownBy(() -> MonitoringAccess.role(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("role must not be blank, was \" \"");
    assertThatThrownBy(() -> MonitoringAccess.anyone().or(null))
        .isInstanceOf(NullPointerException.class).hasMessage("other must not be null");
    assertThatThrownBy(() -> MonitoringAccess.localPort(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("management port must be 1 to 65535, was 0");
    assertThatThrownBy(() -> new HealthServlet(null))
        .isInstanceOf(NullPointerException.class).hasMessage("registry must not be null");
  }

  /** Spring Security's request wrapper answers isUserInRole from the granted authorities; so does this. */
  private static final class SignedIn extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response,
        jakarta.servlet.FilterChain chain) throws java.io.IOException, jakarta.servlet.ServletException {
      String roles = request.getHeader("X-Test-Roles");
      chain.doFilter(roles == null ? request : new HttpServletRequestWrapper(request) {
        @Override
        public Principal getUserPrincipal() {
          return () -> "alice";
        }

        @Override
        public boolean isUserInRole(String role) {
          return List.of(roles.split(",")).contains(role);
        }
      }, response);
    }
  }

  @ContainerTest
  void aServletRoleOpensTheMetricsAndOtherRolesGet403() throws Exception {
    try (TestServer server = TestServer.start(context -> {
      TestServer.addFilter(context, new SignedIn());
      TestServer.addServlet(context, new MetricsServlet(registry(), Duration.ofSeconds(5)), "/metrics/*");
    })) {
      assertThat(server.get("/metrics").statusCode()).isEqualTo(403);
      assertThat(server.get("/metrics", "X-Test-Roles", "user").statusCode()).isEqualTo(403);
      assertThat(server.get("/metrics/prometheus", "X-Test-Roles", "user," + MonitoringAccess.OPERATOR_ROLE)
          .statusCode()).isEqualTo(200);
    }
  }

  @ContainerTest
  void anonymousCallersGetReadinessWithoutDetailsAndOperatorsGetThem() throws Exception {
    try (HealthRegistry registry = HealthRegistry.builder().cacheFor(Duration.ofNanos(1)).build()) {
      registry.register("database", () -> Health.up().withDetail("url", "jdbc:postgresql://db/internal"));
      MonitoringAccess access = MonitoringAccess.bearerToken(TOKEN).or(MonitoringAccess.operators());
      try (TestServer server = TestServer.start(context -> {
        TestServer.addFilter(context, new SignedIn());
        TestServer.addServlet(context, new HealthServlet(registry, access), "/health/*");
      })) {
        HttpResponse<byte[]> anonymous = server.get("/health/ready");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(new String(anonymous.body(), UTF_8)).isEqualTo("{\"status\":\"UP\"}");
        assertThat(new String(server.get("/health/live").body(), UTF_8)).isEqualTo("{\"status\":\"UP\"}");
        for (String[] stranger : List.of(new String[] {"X-Test", "none"},
            new String[] {"Authorization", "Bearer " + TOKEN + "x"}, new String[] {"X-Test-Roles", "user"})) {
          HttpResponse<byte[]> details = server.get("/health", stranger);
          assertThat(details.statusCode()).isEqualTo(200);
          assertThat(new String(details.body(), UTF_8)).as(stranger[1]).isEqualTo("{\"status\":\"UP\"}");
        }

        for (String[] operator : List.of(new String[] {"Authorization", "Bearer " + TOKEN},
            new String[] {"X-Test-Roles", MonitoringAccess.OPERATOR_ROLE})) {
          JsonNode details = new ObjectMapper().readTree(server.get("/health", operator).body());
          assertThat(details.at("/components/database/details/url").asText()).contains("internal");
        }
      }
    }
  }

  @Test
  void theManagementPortRuleOpensTheMetricsOnlyOnThatPortOnJetty() throws Exception {
    Server server = new Server();
    ServerConnector publicPort = connector(server);
    ServerConnector managementPort = connector(server);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new MetricsServlet(registry(), Duration.ofSeconds(5),
        managementPortOf(managementPort::getLocalPort))), "/metrics/*");
    server.setHandler(context);
    server.start();
    try {
      assertOnlyManagementPortAnswers(publicPort.getLocalPort(), managementPort.getLocalPort());
    } finally {
      server.stop();
    }
  }

  @Test
  void theManagementPortRuleOpensTheMetricsOnlyOnThatPortOnTomcat() throws Exception {
    Path baseDir = Files.createTempDirectory("hotpath-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector publicPort = new Connector();
    publicPort.setPort(0);
    tomcat.setConnector(publicPort);
    Connector managementPort = new Connector();
    managementPort.setPort(0);
    tomcat.getService().addConnector(managementPort);
    Context context = tomcat.addContext("", baseDir.toString());
    tomcat.start();
    try {
      Tomcat.addServlet(context, "metrics", new MetricsServlet(registry(), Duration.ofSeconds(5),
          managementPortOf(managementPort::getLocalPort)));
      context.addServletMappingDecoded("/metrics/*", "metrics");
      assertOnlyManagementPortAnswers(publicPort.getLocalPort(), managementPort.getLocalPort());
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }

  /** Port 0 is bound at start, so the test's rule reads the port per request. */
  private static MonitoringAccess managementPortOf(java.util.function.IntSupplier port) {
    return request -> MonitoringAccess.localPort(port.getAsInt()).decide(request);
  }

  private static ServerConnector connector(Server server) {
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    return connector;
  }

  private static void assertOnlyManagementPortAnswers(int publicPort, int managementPort) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    assertThat(client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + publicPort + "/metrics")).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    HttpResponse<String> management = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(management.statusCode()).isEqualTo(200);
    assertThat(management.body()).contains("GET /photos/*");
  }
}
