package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** hotpath.monitoring over the Actuator endpoint and health details, on real Tomcat. */
class MonitoringOverHttpTest {
  private static final String TOKEN = "ops-token-0123456789";
  private static ConfigurableApplicationContext context;
  private static String base;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    context = Apps.start(EdgeApp.class, WebApplicationType.SERVLET,
        "management.endpoints.web.exposure.include=hotpath,health",
        "management.endpoint.health.show-details=always",
        // Only hotpath's contributor matters here; Boot's Redis and disk checks stay out.
        "management.health.redis.enabled=false", "management.health.diskspace.enabled=false",
        "hotpath.monitoring.access=token", "hotpath.monitoring.token=" + TOKEN);
    base = Apps.baseUrl(context);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Test
  void anonymousCallersGet401AndNoDataFromTheEndpoint() throws Exception {
    get("/albums/1", null);
    HttpResponse<String> anonymous = get("/actuator/hotpath", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(anonymous.body()).doesNotContain("/albums").doesNotContain("series");

    HttpResponse<String> wrong = get("/actuator/hotpath", "not-the-token-at-all");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("/albums");
  }

  @Test
  void theTokenReadsTheReport() throws Exception {
    get("/albums/2", null);
    HttpResponse<String> operator = get("/actuator/hotpath", TOKEN);
    assertThat(operator.statusCode()).isEqualTo(200);
    assertThat(operator.body()).contains("GET /albums/{id}");
  }

  @Test
  void healthDetailsAreForOperatorsOnly() throws Exception {
    HttpResponse<String> anonymous = get("/actuator/health", null);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"hotpath\"").doesNotContain("north-7")
        .doesNotContain("inventory");

    HttpResponse<String> operator = get("/actuator/health", TOKEN);
    assertThat(operator.body()).contains("inventory").contains("north-7");
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
