package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Jetty and Tomcat do differently where the Servlet specification leaves room, pinned
 * down so the README's claims and the filters' workarounds stay true when a container changes.
 * The filters themselves are covered on both by every other test; this one names the facts.
 */
class ContainerDifferencesTest {
  private final Map<String, Object> seen = new ConcurrentHashMap<>();

  @ContainerTest
  void sendErrorCommitsAndTheErrorResponseKeepsOrReplacesHeaders(Container container) throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setHeader("Cache-Control", "public, max-age=60");
      resp.setHeader("X-Before", "kept");
      resp.sendError(404);
      seen.put("committed", resp.isCommitted());
      resp.setHeader("X-After", "set after sendError");
    })) {
      HttpResponse<byte[]> response = server.get("/missing");

      assertThat(response.statusCode()).isEqualTo(404);
      // Both report the response committed at once, but only Tomcat then ignores new headers
      // (Jetty writes the error response after the servlet returns): a filter must act before
      // sendError to be right on both.
      assertThat(seen.get("committed")).isEqualTo(true);
      assertThat(response.headers().firstValue("X-After").isPresent())
          .isEqualTo(container == Container.JETTY);
      assertThat(response.headers().firstValue("X-Before")).hasValue("kept");
      // Jetty's error handler writes its own Cache-Control; Tomcat sends the application's,
      // which is why CacheControlFilter must replace a long-lived value before sendError.
      assertThat(response.headers().firstValue("Cache-Control")).hasValue(switch (container) {
        case JETTY -> "must-revalidate,no-cache,no-store";
        case TOMCAT -> "public, max-age=60";
      });
    }
  }

  @ContainerTest
  void headIsAnsweredWithoutABodyAndWithTheGetLength(Container container) throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("text/plain");
      resp.getWriter().write("twelve bytes");
    })) {
      HttpResponse<byte[]> head = server.head("/x");

      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.body()).isEmpty();
      assertThat(head.headers().firstValue("Content-Length")).hasValue("12");
    }
  }

  @ContainerTest
  void flushBufferCommitsAndStreamsInChunks(Container container) throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.getWriter().write("first");
      resp.flushBuffer();
      seen.put("committed", resp.isCommitted());
      resp.setHeader("X-After", "too late");
      resp.getWriter().write("second");
    })) {
      HttpResponse<byte[]> response = server.get("/stream");

      assertThat(seen.get("committed")).isEqualTo(true);
      assertThat(new String(response.body(), UTF_8)).isEqualTo("firstsecond");
      assertThat(response.headers().firstValue("X-After")).isEmpty();
      assertThat(response.headers().firstValue("Content-Length")).isEmpty();
    }
  }

  @ContainerTest
  void anAsyncRequestCompletesOnAnotherThread(Container container) throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      var async = req.startAsync();
      async.start(() -> {
        try {
          async.getResponse().getWriter().write("later");
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
        async.complete();
      });
    }, EtagFilter.create(), TimingFilter.create())) {
      HttpResponse<byte[]> response = server.get("/async");

      assertThat(new String(response.body(), UTF_8)).isEqualTo("later");
      // Async bodies stream: no tag, but Server-Timing before the first byte.
      assertThat(response.headers().firstValue("ETag")).isEmpty();
      assertThat(response.headers().firstValue("Server-Timing")).isPresent();
    }
  }
}
