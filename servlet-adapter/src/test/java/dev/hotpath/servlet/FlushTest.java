package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a flush means to the filters that hold a body: a flush after the whole body (Spring MVC
 * calls {@code flushBuffer()} after writing a {@code ResponseEntity}) is deferred, so the body
 * keeps its tag and its compression; a flush followed by more of the body, or in a stream type,
 * still reaches the client while the handler runs.
 */
class FlushTest {
  private static final String JSON = "{\"photos\":[" + "{\"id\":1,\"title\":\"harbour\"},".repeat(40) + "{}]}";

  @ContainerTest
  void aFlushBufferAfterTheWholeBodyKeepsTheEtagAndTheConditionalAnswer() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.getOutputStream().write(JSON.getBytes(UTF_8));
      resp.getOutputStream().flush();
      resp.flushBuffer(); // what Spring MVC does after a ResponseEntity
    }, EtagFilter.create())) {
      HttpResponse<byte[]> first = server.get("/photos");
      String etag = first.headers().firstValue("ETag").orElseThrow();
      HttpResponse<byte[]> revalidated = server.get("/photos", "If-None-Match", etag);

      assertThat(new String(first.body(), UTF_8)).isEqualTo(JSON);
      assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(JSON.length());
      assertThat(revalidated.statusCode()).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();
    }
  }

  @ContainerTest
  void aFlushBufferAfterTheWholeBodyKeepsCompressionAndTheGzipTag() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.getWriter().write(JSON);
      resp.flushBuffer();
    }, CompressionFilter.create(), EtagFilter.create())) {
      HttpResponse<byte[]> response = server.get("/photos", "Accept-Encoding", "gzip");

      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(response.headers().firstValue("ETag").orElseThrow()).endsWith("-gzip\"");
      assertThat(new String(CompressionFilterTest.gunzip(response.body()), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void aFlushedChunkReachesTheClientOnceTheNextChunkIsWritten() throws Exception {
    CountDownLatch firstChunkRead = new CountDownLatch(1);
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("text/plain");
      resp.getWriter().write("first\n");
      resp.flushBuffer();
      resp.getWriter().write("second\n");
      resp.flushBuffer();
      // Before the handler finishes, the client has read the first chunk.
      if (!firstChunkRead.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the first chunk never reached the client");
      }
      resp.getWriter().write("third\n");
    }, CompressionFilter.builder().minSize(100_000).build(), EtagFilter.create(),
        DedupFilter.create())) {
      HttpResponse<InputStream> response = server.stream(server.request("/log"));
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
        assertThat(lines.readLine()).isEqualTo("first");
        firstChunkRead.countDown();
        assertThat(lines.readLine()).isEqualTo("second");
        assertThat(lines.readLine()).isEqualTo("third");
        assertThat(lines.readLine()).isNull();
      }
      assertThat(response.headers().firstValue("ETag")).isEmpty();
    }
  }

  @ContainerTest
  void ndjsonLinesReachTheClientAsEachIsFlushed() throws Exception {
    CountDownLatch firstLineRead = new CountDownLatch(1);
    try (TestServer server = TestServer.start((req, resp) -> {
      try (NdjsonWriter ndjson = NdjsonWriter.open(resp)) {
        ndjson.line("{\"row\":1}");
        if (!firstLineRead.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the first line never reached the client");
        }
        ndjson.line("{\"row\":2}");
      }
    }, EtagFilter.create(), DedupFilter.create())) {
      HttpResponse<InputStream> response = server.stream(server.request("/rows"));
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
        assertThat(lines.readLine()).isEqualTo("{\"row\":1}");
        firstLineRead.countDown();
        assertThat(lines.readLine()).isEqualTo("{\"row\":2}");
        assertThat(lines.readLine()).isNull();
      }
      assertThat(response.headers().firstValue("ETag")).isEmpty();
    }
  }
}
