package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class CompressionFilterTest {
  private static final String JSON = "{\"photos\":[" + "{\"id\":1,\"title\":\"sunset\"},".repeat(200) + "{}]}";

  static byte[] gunzip(byte[] bytes) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return in.readAllBytes();
    }
  }

  private static TestServer serve(String contentType, String body) throws Exception {
    return TestServer.start((req, resp) -> {
      resp.setContentType(contentType);
      resp.getOutputStream().write(body.getBytes(UTF_8));
    }, CompressionFilter.create());
  }

  @ContainerTest
  void compressesLargeJsonWhenTheClientAcceptsGzip() throws Exception {
    try (TestServer server = serve("application/json", JSON)) {
      HttpResponse<byte[]> response = server.get("/photos", "Accept-Encoding", "deflate, gzip;q=0.8");

      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(response.headers().allValues("Vary")).contains("Accept-Encoding");
      assertThat(response.body().length).isLessThan(JSON.length() / 4);
      assertThat(new String(gunzip(response.body()), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void refusalsAndAbsenceGiveIdentityWithVary() throws Exception {
    try (TestServer server = serve("application/json", JSON)) {
      for (String acceptEncoding : List.of("gzip;q=0", "identity", "gzip;q=0, *", "br")) {
        HttpResponse<byte[]> response = server.get("/photos", "Accept-Encoding", acceptEncoding);
        assertThat(response.headers().firstValue("Content-Encoding")).as(acceptEncoding).isEmpty();
        assertThat(response.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(new String(response.body(), UTF_8)).isEqualTo(JSON);
      }
    }
  }

  @ContainerTest
  void hugeAcceptEncodingIsReadToTheEnd() throws Exception {
    try (TestServer server = serve("application/json", JSON)) {
      String huge = "x-unknown;q=0.5, ".repeat(400);
      assertThat(server.get("/p", "Accept-Encoding", huge + "gzip").headers().firstValue("Content-Encoding"))
          .hasValue("gzip");
      assertThat(server.get("/p", "Accept-Encoding", huge).headers().firstValue("Content-Encoding"))
          .isEmpty();
    }
  }

  @ContainerTest
  void smallBodiesAndIncompressibleTypesAreSentAsIs() throws Exception {
    try (TestServer small = serve("application/json", "{\"ok\":true}");
        TestServer png = serve("image/png", JSON)) {
      HttpResponse<byte[]> tiny = small.get("/ok", "Accept-Encoding", "gzip");
      HttpResponse<byte[]> image = png.get("/img", "Accept-Encoding", "gzip");

      assertThat(tiny.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(new String(tiny.body(), UTF_8)).isEqualTo("{\"ok\":true}");
      assertThat(image.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(image.headers().allValues("Vary")).doesNotContain("Accept-Encoding");
      assertThat(new String(image.body(), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void neverCompressesTwice() throws Exception {
    byte[] already = CompressionFilterTest.gzipOf(JSON);
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.setHeader("Content-Encoding", "gzip");
      resp.getOutputStream().write(already);
    }, CompressionFilter.create())) {
      HttpResponse<byte[]> response = server.get("/pre", "Accept-Encoding", "gzip");

      assertThat(response.headers().allValues("Content-Encoding")).containsExactly("gzip");
      assertThat(new String(gunzip(response.body()), UTF_8)).isEqualTo(JSON);
    }
  }

  static byte[] gzipOf(String text) throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(text.getBytes(UTF_8));
    }
    return bytes.toByteArray();
  }

  @ContainerTest
  void etagsGetTheGzipSuffixAndRevalidate() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.getOutputStream().write(JSON.getBytes(UTF_8));
    }, CompressionFilter.create(), EtagFilter.create())) {
      HttpResponse<byte[]> identity = server.get("/photos");
      HttpResponse<byte[]> gzip = server.get("/photos", "Accept-Encoding", "gzip");
      String plainTag = identity.headers().firstValue("ETag").orElseThrow();
      String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();

      assertThat(gzipTag).isEqualTo(plainTag.substring(0, plainTag.length() - 1) + "-gzip\"");
      assertThat(new String(gunzip(gzip.body()), UTF_8)).isEqualTo(JSON);

      HttpResponse<byte[]> notModified = server.get("/photos", "Accept-Encoding", "gzip", "If-None-Match", gzipTag);
      assertThat(notModified.statusCode()).isEqualTo(304);
      assertThat(notModified.body()).isEmpty();
      assertThat(notModified.headers().firstValue("ETag")).hasValue(gzipTag);
      assertThat(notModified.headers().allValues("Vary")).contains("Accept-Encoding");

      HttpResponse<byte[]> plainNotModified = server.get("/photos", "If-None-Match", plainTag);
      assertThat(plainNotModified.statusCode()).isEqualTo(304);
      assertThat(plainNotModified.headers().firstValue("ETag")).hasValue(plainTag);

      HttpResponse<byte[]> head = server.head("/photos", "Accept-Encoding", "gzip");
      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(head.headers().firstValue("ETag")).hasValue(gzipTag);
      assertThat(head.body()).isEmpty();
    }
  }

  @ContainerTest
  void aDeclaredContentLengthNeverReachesACompressedResponse() throws Exception {
    byte[] bytes = JSON.getBytes(UTF_8);
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.setContentLength(bytes.length);
      resp.getOutputStream().write(bytes);
    }, CompressionFilter.create(), EtagFilter.create())) {
      HttpResponse<byte[]> gzip = server.get("/photos", "Accept-Encoding", "gzip");
      HttpResponse<byte[]> identity = server.get("/photos");

      assertThat(gzip.headers().firstValueAsLong("Content-Length")).isNotEqualTo(java.util.OptionalLong.of(bytes.length));
      assertThat(new String(gunzip(gzip.body()), UTF_8)).isEqualTo(JSON);
      assertThat(identity.headers().firstValueAsLong("Content-Length")).hasValue(bytes.length);
      assertThat(new String(identity.body(), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void writerBodiesCompressToo() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("text/plain;charset=UTF-8");
      resp.getWriter().print(JSON);
    }, CompressionFilter.create())) {
      HttpResponse<byte[]> response = server.get("/text", "Accept-Encoding", "gzip");
      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(new String(gunzip(response.body()), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void noContentIsLeftAlone() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.setStatus(204);
    }, CompressionFilter.create())) {
      HttpResponse<byte[]> response = server.get("/gone", "Accept-Encoding", "gzip");

      assertThat(response.statusCode()).isEqualTo(204);
      assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(response.body()).isEmpty();
    }
  }

  @ContainerTest
  void streamsCompressAsTheyFlow() throws Exception {
    CountDownLatch firstChunkRead = new CountDownLatch(1);
    String first = "data: first\n\n";
    String second = "data: second\n\n";
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("text/event-stream");
      resp.getOutputStream().write(first.getBytes(UTF_8));
      resp.getOutputStream().flush();
      // The client must decode the first chunk before the second exists.
      if (!firstChunkRead.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the first chunk never reached the client");
      }
      resp.getOutputStream().write(second.getBytes(UTF_8));
    }, CompressionFilter.create())) {
      HttpResponse<InputStream> response = server.stream(server.request("/events").header("Accept-Encoding", "gzip"));
      assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
      try (InputStream in = new GZIPInputStream(response.body(), 64)) {
        assertThat(new String(in.readNBytes(first.length()), UTF_8)).isEqualTo(first);
        firstChunkRead.countDown();
        assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo(second);
      }
    }
  }

  @Test
  void builderRejectsBadOptions() {
    assertThatThrownBy(() -> CompressionFilter.builder().minSize(0))
        .hasMessage("minSize must be at least 1, was 0");
    assertThatThrownBy(() -> CompressionFilter.builder().level(10))
        .hasMessage("level must be between 1 and 9, was 10");
    assertThatThrownBy(() -> CompressionFilter.builder().compressibleTypes(List.of("json")))
        .hasMessage("compressible type must be type/subtype, type/* or +suffix, was json");
  }
}
