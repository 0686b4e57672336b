package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A body written from another thread after {@code startAsync()}, through the response the
 * servlet was given, while the servlet's own thread is still returning through the filters: the
 * filters that hold a body must hand the response over to the async writer before it can start,
 * or the two threads share the held buffer and the client gets lost or garbled bytes.
 */
class AsyncWritesTest {
  private static final int LINES = 3_000;
  private static final String BODY = IntStream.range(0, LINES)
      .mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());

  @ContainerTest
  void etagFilter(Container container) throws Exception {
    everyBodyArrivesWhole(EtagFilter::create);
  }

  @ContainerTest
  void dedupFilter(Container container) throws Exception {
    everyBodyArrivesWhole(DedupFilter::create);
  }

  @ContainerTest
  void responseCacheFilter(Container container) throws Exception {
    everyBodyArrivesWhole(() -> ResponseCacheFilter.builder()
        .rule("GET /*", ResponseCacheRule.ttl(java.time.Duration.ofMinutes(1))).build());
  }

  private static void everyBodyArrivesWhole(Supplier<Filter> filter) throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("text/plain");
      PrintWriter writer = resp.getWriter();
      CountDownLatch writing = new CountDownLatch(1);
      var async = req.startAsync();
      async.start(() -> {
        for (int i = 0; i < LINES; i++) {
          writer.write("line " + i + "\n");
          writing.countDown();
        }
        try {
          resp.flushBuffer();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        async.complete();
      });
      // Return through the filters while the async thread is writing.
      writing.await();
    }, filter.get())) {
      for (int request = 0; request < 40; request++) {
        HttpResponse<byte[]> response = server.get("/async?n=" + request);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).as("request %d", request).isEqualTo(BODY);
      }
    }
  }
}
