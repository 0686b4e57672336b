package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.Health;
import dev.hotpath.core.HealthCheck;
import dev.hotpath.metrics.BudgetMonitor;
import dev.hotpath.metrics.BudgetStatus;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.servlet.RouteResolver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** Actuator and Micrometer on real Tomcat, read over HTTP as an operator would. */
class HotpathActuatorAutoConfigurationTest {
  private static ConfigurableApplicationContext context;
  private static String base;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    context = Apps.start(ActuatorApp.class, WebApplicationType.SERVLET,
            "management.health.redis.enabled=false",
            "spring.datasource.url=jdbc:h2:mem:actuator;DB_CLOSE_DELAY=-1",
            "spring.datasource.hikari.pool-name=actuator-pool",
            "management.endpoints.web.exposure.include=health,hotpath,prometheus",
            "management.endpoint.health.show-details=always",
            "management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown",
            "hotpath.guards.vision-api.timeout=1s",
            "hotpath.budgets[test.op]=p99 < 1ms",
            "hotpath.metrics.budget-interval=1h");
    base = Apps.baseUrl(context);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void healthShowsHotpathsComponentsInActuatorsEndpoint() throws Exception {
    String health = get("/actuator/health");
    assertThat(health).contains("\"hotpath\"", "\"pool-main\"", "\"guard-vision-api\"",
        "\"thumbnails\"");
    assertThat(health).as("a DEGRADED component shows when the status order lists it")
        .contains("\"status\":\"DEGRADED\"");
  }

  @Test
  void prometheusShowsHotpathMetersWithTagsAndNoSecondRequestSeries() throws Exception {
    get("/albums/3");
    context.getBean(org.springframework.jdbc.core.JdbcTemplate.class)
        .queryForObject("SELECT 1", Integer.class);
    String scrape = get("/actuator/prometheus");
    assertThat(scrape).contains(
        "hotpath_pool_statement_seconds{fingerprint=\"SELECT ?\",pool=\"main\",statistic=\"p99\"}");
    assertThat(scrape).contains("hikaricp_connections_max{pool=\"actuator-pool\"}");
    assertThat(scrape).contains("http_server_requests_seconds_count{")
        .contains("uri=\"/albums/{id}\"");
    assertThat(scrape).as("routes stay with Boot's http.server.requests")
        .doesNotContain("hotpath_http_server").doesNotContain("GET /albums/3");
    assertThat(get("/actuator/hotpath")).as("but the report has them").contains("GET /albums/3");
  }

  @Test
  void budgetBreachAndRecoveryArriveAsApplicationEvents() throws Exception {
    LatencyRegistry registry = context.getBean(LatencyRegistry.class);
    BudgetMonitor monitor = context.getBean(BudgetMonitor.class);
    Events events = context.getBean(Events.class);
    for (int i = 0; i < 10; i++) {
      registry.record(MetricId.of("test.op"), TimeUnit.MILLISECONDS.toNanos(5));
    }
    monitor.evaluate();
    assertThat(events.seen).singleElement().satisfies(event -> {
      assertThat(event.isBreach()).isTrue();
      assertThat(event.state().series()).isEqualTo(MetricId.of("test.op"));
    });
    assertThat(get("/actuator/hotpath")).contains("\"budget\":\"test.op p99 < 1ms\"")
        .contains("\"status\":\"BREACHED\"");

    for (int i = 0; i < 2000; i++) {
      registry.record(MetricId.of("test.op"), TimeUnit.MICROSECONDS.toNanos(1));
    }
    monitor.evaluate();
    assertThat(events.seen).hasSize(2);
    assertThat(events.seen.get(1).isBreach()).isFalse();
    assertThat(events.seen.get(1).state().status()).isEqualTo(BudgetStatus.MET);
  }

  private String get(String path) throws Exception {
    HttpResponse<String> response = client.send(
        HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  /** Collects budget events. */
  static class Events {
    final List<BudgetEvent> seen = new CopyOnWriteArrayList<>();

    @EventListener
    void on(BudgetEvent event) {
      seen.add(event);
    }
  }

  /** The web application plus the beans this test adds. */
  @Configuration(proxyBeanMethods = false)
  @org.springframework.context.annotation.Import({WebApp.class, Extras.class})
  static class ActuatorApp {}

  @Configuration(proxyBeanMethods = false)
  static class Extras {
    @Bean
    Events events() {
      return new Events();
    }

    /** An application's own check, shown among hotpath's components. */
    @Bean
    HealthCheck thumbnails() {
      return () -> Health.degraded("thumbnail queue is long");
    }

    /** Names routes by raw path: fine for this test's one URL, never for a real service. */
    @Bean
    RouteResolver routes() {
      return request -> request.getMethod() + " " + request.getRequestURI();
    }
  }
}
