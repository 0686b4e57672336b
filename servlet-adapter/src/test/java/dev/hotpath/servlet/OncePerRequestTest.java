package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.metrics.LatencyRegistry;
import jakarta.servlet.DispatcherType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Spring Boot registers every Filter bean by itself; an application that also calls
 * {@link Hotpath#install} has each hotpath filter twice in the chain. Each must act once.
 */
class OncePerRequestTest {
  private static final String JSON = "{\"photos\":[" + "{\"id\":7,\"title\":\"harbour\"},".repeat(40) + "{}]}";
  private static final String TOKEN = "Bearer s3cr3t-token-4711";
  private static final String COOKIE = "session=c00kie-value-0815";

  @ContainerTest
  void filtersRegisteredTwiceActOnceAndLeakNoSecret() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    AtomicInteger executions = new AtomicInteger();
    // The application's filter beans, handed to Hotpath.install too.
    TimingFilter timing = TimingFilter.builder().metrics(registry).build();
    DedupFilter dedup = DedupFilter.create();
    CompressionFilter compression = CompressionFilter.create();
    EtagFilter etag = EtagFilter.create();
    HotpathOptions options = HotpathOptions.builder()
        .timing(timing).dedup(dedup).compression(compression).etag(etag).build();
    try (LogCapture logs = new LogCapture();
        TestServer server = TestServer.start(context -> {
          // What Spring Boot does with Filter beans: registers each under its bean name.
          TestServer.addFilter(context, timing);
          TestServer.addFilter(context, dedup);
          TestServer.addFilter(context, compression);
          TestServer.addFilter(context, etag);
          // ...and the application installs the chain as well.
          Hotpath.install(context, options);
          TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
            executions.incrementAndGet();
            resp.setContentType("application/json");
            resp.getWriter().write(JSON);
          }), "/api/*");
        })) {
      HttpResponse<byte[]> response = server.get("/api/photos?page=2&key=q-secret-99",
          "Authorization", TOKEN, "Cookie", COOKIE, "Accept-Encoding", "gzip");
      // Jetty and Tomcat log what a request threw before they write its error response.
      assertThat(logs.text()).doesNotContain("s3cr3t", "c00kie", "q-secret");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(executions).hasValue(1);
      assertThat(response.headers().allValues("Content-Encoding")).containsExactly("gzip");
      assertThat(response.headers().allValues("Vary")).containsExactly("Accept-Encoding");
      assertThat(response.headers().allValues("ETag")).singleElement().asString()
          .matches("\"[0-9a-f]{16}-gzip\"");
      assertThat(response.headers().allValues("Server-Timing")).hasSize(1);
      assertThat(new String(CompressionFilterTest.gunzip(response.body()), UTF_8)).isEqualTo(JSON);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(RecordedRoutes.count(registry, "GET /api/*")).isEqualTo(1));
    }
  }

  @ContainerTest
  void anErrorPageDispatchIsPartOfTheRequestNotASecondOne() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    EnumSet<DispatcherType> all = EnumSet.allOf(DispatcherType.class);
    try (TestServer server = TestServer.start("/error", context -> {
      TestServer.addFilter(context, TimingFilter.builder().metrics(registry).build(), all);
      TestServer.addFilter(context, EtagFilter.create(), all);
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> resp.sendError(404)), "/photos/*");
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
        resp.setContentType("text/plain");
        resp.getWriter().write("not here");
      }), "/error");
    })) {
      HttpResponse<byte[]> response = server.get("/photos/1");

      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(new String(response.body(), UTF_8)).isEqualTo("not here");
      assertThat(response.headers().allValues("Server-Timing")).hasSize(1);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(RecordedRoutes.counts(registry)).containsOnlyKeys("GET /photos/* client_error"));
    }
  }
}
