package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.UnitOfWork;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The blocks working together as a Boot user gets them: the timing filter opens the request's
 * unit of work, the wrapped pool counts the request's statements into it, N+1 detection is
 * scoped to the request, and Server-Timing reports the database time.
 */
class BlocksComposeOverHttpTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void aRequestsStatementsShowInServerTimingAndNPlusOneIsPerRequest() throws Exception {
    try (ConfigurableApplicationContext context = Apps.start(TracksApp.class,
        WebApplicationType.SERVLET, "spring.datasource.url=jdbc:h2:mem:compose;DB_CLOSE_DELAY=-1",
        "hotpath.pool.n-plus-one.policy=throw", "hotpath.pool.n-plus-one.threshold=3")) {
      String base = Apps.baseUrl(context);

      HttpResponse<String> three = get(base + "/tracks?n=3");
      assertThat(three.statusCode()).isEqualTo(200);
      assertThat(three.headers().firstValue("Server-Timing")).hasValueSatisfying(timing ->
          assertThat(timing).contains("db;").contains("3 queries").contains("total;dur="));

      // Each request is its own scope: three more in a new request are still allowed.
      assertThat(get(base + "/tracks?n=3").statusCode()).isEqualTo(200);
      assertThat(get(base + "/tracks?n=4").statusCode()).as("the fourth repeat throws")
          .isEqualTo(500);
    }
  }

  @Test
  void springMvcRoutesAreNamedAfterTheMatchedPattern() throws Exception {
    try (ConfigurableApplicationContext context = Apps.start(TracksApp.class,
        WebApplicationType.SERVLET, "spring.datasource.url=jdbc:h2:mem:routes;DB_CLOSE_DELAY=-1",
        "management.endpoints.web.exposure.include=hotpath")) {
      String base = Apps.baseUrl(context);

      HttpResponse<String> photo = get(base + "/photos/7");
      assertThat(photo.statusCode()).isEqualTo(200);
      assertThat(photo.body()).as("the request's unit of work, seen by the handler")
          .isEqualTo("GET /photos/{id}");
      get(base + "/photos/8");

      String report = get(base + "/actuator/hotpath").body();
      assertThat(report).as("one route for both ids, named by Spring MVC's pattern")
          .contains("GET /photos/{id}").doesNotContain("/photos/7").doesNotContain("/photos/8");
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs one SELECT shape n times per request: an N+1 when n is large. */
  @RestController
  static class Tracks {
    private final JdbcTemplate jdbc;

    Tracks(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/tracks")
    int tracks(int n) {
      int sum = 0;
      for (int i = 0; i < n; i++) {
        sum += jdbc.queryForObject("SELECT ? + 0", Integer.class, i);
      }
      return sum;
    }
  }

  /** A path variable: without the matched pattern every id would be a route of its own. */
  @RestController
  static class Photos {
    @GetMapping("/photos/{id}")
    String photo(@PathVariable long id) {
      return UnitOfWork.current().map(UnitOfWork::name).orElse("none");
    }
  }

  @Configuration(proxyBeanMethods = false)
  @Import({PoolApp.class, Tracks.class, Photos.class})
  static class TracksApp {}
}
