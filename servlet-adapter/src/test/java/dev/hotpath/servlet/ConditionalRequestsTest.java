package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * RFC 9110 validators and variants through the installed order (compression outside ETag): a
 * variant's tag validates only that variant, partial responses keep their validators, If-Range
 * and If-Match use the strong comparison and If-None-Match the weak one.
 */
class ConditionalRequestsTest {
  private final AtomicReference<String> content =
      new AtomicReference<>("{\"photos\":[" + "{\"id\":1,\"title\":\"harbour\"},".repeat(30) + "{}]}");

  private TestServer serve() throws Exception {
    return TestServer.start((req, resp) -> {
      String body = req.getRequestURI().equals("/small") ? "{\"id\":1}" : content.get();
      byte[] bytes = body.getBytes(UTF_8);
      resp.setContentType("application/json");
      if (req.getRequestURI().startsWith("/ranged")) {
        // An application that serves byte ranges itself, as static-file handlers do.
        resp.setHeader("Accept-Ranges", "bytes");
        if (req.getRequestURI().equals("/ranged-own-tag")) {
          resp.setHeader("ETag", "\"v1\"");
        }
        String range = req.getHeader("Range");
        if (range != null && range.matches("bytes=\\d+-\\d+")) {
          String[] bounds = range.substring(6).split("-");
          int first = Integer.parseInt(bounds[0]);
          int last = Integer.parseInt(bounds[1]);
          resp.setStatus(206);
          resp.setHeader("Content-Range", "bytes " + first + "-" + last + "/" + bytes.length);
          resp.getOutputStream().write(bytes, first, last - first + 1);
          return;
        }
      }
      resp.getOutputStream().write(bytes);
    }, CompressionFilter.create(), EtagFilter.create());
  }

  private static String etag(HttpResponse<?> response) {
    return response.headers().firstValue("ETag").orElseThrow();
  }

  private static String gzipTag(String identityTag) {
    return identityTag.substring(0, identityTag.length() - 1) + "-gzip\"";
  }

  @ContainerTest
  void aVariantsTagValidatesOnlyThatVariant() throws Exception {
    try (TestServer server = serve()) {
      String identity = etag(server.get("/photos"));
      String gzip = etag(server.get("/photos", "Accept-Encoding", "gzip"));
      assertThat(gzip).isEqualTo(gzipTag(identity));

      HttpResponse<byte[]> gzipTagForIdentity = server.get("/photos", "If-None-Match", gzip);
      assertThat(gzipTagForIdentity.statusCode()).isEqualTo(200);
      assertThat(etag(gzipTagForIdentity)).isEqualTo(identity);
      assertThat(new String(gzipTagForIdentity.body(), UTF_8)).isEqualTo(content.get());

      HttpResponse<byte[]> identityTagForGzip =
          server.get("/photos", "Accept-Encoding", "gzip", "If-None-Match", identity);
      assertThat(identityTagForGzip.statusCode()).isEqualTo(200);
      assertThat(etag(identityTagForGzip)).isEqualTo(gzip);
      assertThat(new String(CompressionFilterTest.gunzip(identityTagForGzip.body()), UTF_8))
          .isEqualTo(content.get());

      HttpResponse<byte[]> sameGzip = server.get("/photos", "Accept-Encoding", "gzip", "If-None-Match", gzip);
      assertThat(sameGzip.statusCode()).isEqualTo(304);
      assertThat(etag(sameGzip)).isEqualTo(gzip);
      HttpResponse<byte[]> sameIdentity = server.get("/photos", "If-None-Match", "W/" + identity);
      assertThat(sameIdentity.statusCode()).isEqualTo(304); // If-None-Match compares weakly
      assertThat(etag(sameIdentity)).isEqualTo(identity);

      // Too small to compress: the client accepts gzip, but the response is the identity one.
      String small = etag(server.get("/small", "Accept-Encoding", "gzip"));
      HttpResponse<byte[]> smallWithGzipTag =
          server.get("/small", "Accept-Encoding", "gzip", "If-None-Match", gzipTag(small));
      assertThat(smallWithGzipTag.statusCode()).isEqualTo(200);
      assertThat(etag(smallWithGzipTag)).isEqualTo(small);
    }
  }

  @ContainerTest
  void partialResponsesKeepEtagVaryAndContentRangeAndTheGzipVariantRefusesRanges() throws Exception {
    try (TestServer server = serve()) {
      byte[] whole = content.get().getBytes(UTF_8);
      HttpResponse<byte[]> partial =
          server.get("/ranged-own-tag", "Accept-Encoding", "gzip", "Range", "bytes=0-9");
      assertThat(partial.statusCode()).isEqualTo(206);
      assertThat(partial.headers().allValues("ETag")).containsExactly("\"v1\"");
      assertThat(partial.headers().allValues("Vary")).containsExactly("Accept-Encoding");
      assertThat(partial.headers().firstValue("Content-Range")).hasValue("bytes 0-9/" + whole.length);
      assertThat(partial.headers().firstValue("Content-Encoding")).isEmpty();
      assertThat(partial.body()).isEqualTo(Arrays.copyOf(whole, 10));

      HttpResponse<byte[]> full = server.get("/ranged-own-tag", "Accept-Encoding", "gzip");
      assertThat(full.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(etag(full)).isEqualTo("\"v1-gzip\"");
      // Ranges of the gzip bytes are not served: the compressed variant says so.
      assertThat(full.headers().allValues("Accept-Ranges")).containsExactly("none");
    }
  }

  @ContainerTest
  void ifRangeWithATagThatIsNotCurrentGetsTheFullRepresentation() throws Exception {
    try (TestServer server = serve()) {
      String old = etag(server.get("/ranged"));
      content.set(content.get().replace("harbour", "mountain"));
      byte[] now = content.get().getBytes(UTF_8);

      HttpResponse<byte[]> stale = server.get("/ranged", "Range", "bytes=0-9", "If-Range", old);
      assertThat(stale.statusCode()).isEqualTo(200);
      assertThat(stale.body()).isEqualTo(now);
      String current = etag(stale);
      assertThat(current).isNotEqualTo(old);

      HttpResponse<byte[]> resumed = server.get("/ranged", "Range", "bytes=5-14", "If-Range", current);
      assertThat(resumed.statusCode()).isEqualTo(206);
      assertThat(resumed.headers().firstValue("Content-Range")).hasValue("bytes 5-14/" + now.length);
      assertThat(etag(resumed)).isEqualTo(current);
      assertThat(resumed.body()).isEqualTo(Arrays.copyOfRange(now, 5, 15));

      // If-Range compares strongly: a weak tag never matches.
      HttpResponse<byte[]> weak = server.get("/ranged", "Range", "bytes=0-9", "If-Range", "W/" + current);
      assertThat(weak.statusCode()).isEqualTo(200);
      assertThat(weak.body()).isEqualTo(now);
    }
  }

  @ContainerTest
  void ifMatchUsesTheStrongComparison() throws Exception {
    try (TestServer server = serve()) {
      String current = etag(server.get("/photos"));
      assertThat(server.get("/photos", "If-Match", current).statusCode()).isEqualTo(200);
      assertThat(server.get("/photos", "If-Match", "*").statusCode()).isEqualTo(200);
      assertThat(server.get("/photos", "If-Match", "\"other\", " + current).statusCode()).isEqualTo(200);
      assertThat(server.get("/photos", "If-Match", "\"other\"").statusCode()).isEqualTo(412);
      assertThat(server.get("/photos", "If-Match", "W/" + current).statusCode()).isEqualTo(412);
    }
  }
}
