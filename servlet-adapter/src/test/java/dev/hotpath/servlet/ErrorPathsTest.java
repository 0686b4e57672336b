package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.metrics.LatencyRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Error responses, however they arise (sendError, a thrown exception, a status set before the
 * body, an ERROR dispatch to an error page), leave with {@code no-store} instead of a rule's
 * long-lived public header, carry {@code Server-Timing}, and are recorded under their route with
 * the status class.
 */
class ErrorPathsTest {
  private static final String YEAR = "public, max-age=31536000, immutable";

  private final LatencyRegistry registry = LatencyRegistry.create();

  private TestServer serve(String errorPage) throws Exception {
    return TestServer.start(errorPage, context -> {
      TestServer.addFilter(context, TimingFilter.builder().metrics(registry).build());
      TestServer.addFilter(context, CacheControlFilter.builder()
          .rule("/static/*", CachePolicy.maxAge(Duration.ofDays(365)).withImmutable()).build());
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
        switch (req.getRequestURI()) {
          case "/static/missing.js" -> resp.sendError(404);
          case "/static/broken.js" -> throw new IllegalStateException("handler failed");
          case "/static/flushed.js" -> {
            resp.setStatus(503);
            resp.getWriter().write("down");
            resp.flushBuffer();
          }
          default -> resp.getWriter().write("asset");
        }
      }), "/static/*");
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
        resp.setContentType("text/plain");
        resp.getWriter().write("error page");
      }), "/error");
    });
  }

  private void assertErrorResponse(HttpResponse<byte[]> response, int status) {
    assertThat(response.statusCode()).isEqualTo(status);
    // Jetty's error handler writes its own "must-revalidate,no-cache,no-store"; Tomcat keeps ours.
    assertThat(response.headers().allValues("Cache-Control")).singleElement().asString()
        .contains("no-store").doesNotContain("public").doesNotContain("max-age");
    assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(
        value -> assertThat(value).startsWith("total;dur="));
  }

  private void awaitRecorded(String name) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(RecordedRoutes.counts(registry)).containsEntry(name, 1L));
  }

  @ContainerTest
  void sendErrorUnderALongLivedRuleLeavesWithNoStoreAndServerTiming() throws Exception {
    try (TestServer server = serve(null)) {
      assertThat(server.get("/static/app.js").headers().firstValue("Cache-Control")).hasValue(YEAR);

      assertErrorResponse(server.get("/static/missing.js"), 404);
      awaitRecorded("GET /static/* client_error");
      assertThat(RecordedRoutes.count(registry, "GET /static/*")).isEqualTo(1);
    }
  }

  @ContainerTest
  void aThrownExceptionLeavesWithNoStoreAndServerTiming() throws Exception {
    try (TestServer server = serve(null)) {
      assertErrorResponse(server.get("/static/broken.js"), 500);
      awaitRecorded("GET /static/* server_error");
    }
  }

  @ContainerTest
  void anErrorStatusCommittedByTheApplicationIsNotCachedEither() throws Exception {
    try (TestServer server = serve(null)) {
      HttpResponse<byte[]> response = server.get("/static/flushed.js");
      assertErrorResponse(response, 503);
      assertThat(new String(response.body(), UTF_8)).isEqualTo("down");
      awaitRecorded("GET /static/* server_error");
    }
  }

  @ContainerTest
  void errorDispatchesToAnErrorPageKeepNoStoreAndServerTiming() throws Exception {
    try (TestServer server = serve("/error")) {
      HttpResponse<byte[]> missing = server.get("/static/missing.js");
      assertErrorResponse(missing, 404);
      assertThat(new String(missing.body(), UTF_8)).isEqualTo("error page");

      HttpResponse<byte[]> broken = server.get("/static/broken.js");
      assertErrorResponse(broken, 500);
      assertThat(new String(broken.body(), UTF_8)).isEqualTo("error page");
      awaitRecorded("GET /static/* client_error");
      awaitRecorded("GET /static/* server_error");
    }
  }
}
