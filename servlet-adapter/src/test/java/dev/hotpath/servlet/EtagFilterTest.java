package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class EtagFilterTest {
  private static final String JSON = "{\"photos\":[{\"id\":1,\"title\":\"caf\u00e9\"}]}";

  private static TestServer serve(TestServer.Handler handler) throws Exception {
    return TestServer.start(handler, EtagFilter.create());
  }

  private static TestServer serveJson(AtomicReference<String> body) throws Exception {
    return serve((req, resp) -> {
      resp.setContentType("application/json");
      resp.getOutputStream().write(body.get().getBytes(UTF_8));
    });
  }

  @ContainerTest
  void getAddsStrongEtagThatChangesWithTheBody() throws Exception {
    AtomicReference<String> body = new AtomicReference<>(JSON);
    try (TestServer server = serveJson(body)) {
      HttpResponse<byte[]> first = server.get("/photos");
      HttpResponse<byte[]> again = server.get("/photos");
      body.set(JSON + " ");
      HttpResponse<byte[]> changed = server.get("/photos");

      assertThat(first.statusCode()).isEqualTo(200);
      assertThat(new String(first.body(), UTF_8)).isEqualTo(JSON);
      assertThat(first.headers().firstValueAsLong("Content-Length")).hasValue(JSON.getBytes(UTF_8).length);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).matches("\"[0-9a-f]{16}\"");
      assertThat(again.headers().firstValue("ETag")).hasValue(etag);
      assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(etag);
    }
  }

  @ContainerTest
  void matchingIfNoneMatchGives304WithoutBody() throws Exception {
    try (TestServer server = serveJson(new AtomicReference<>(JSON))) {
      String etag = server.get("/photos").headers().firstValue("ETag").orElseThrow();

      HttpResponse<byte[]> exact = server.get("/photos", "If-None-Match", etag);
      HttpResponse<byte[]> inList = server.get("/photos", "If-None-Match", "\"other\", " + etag + ",\"x\"");
      HttpResponse<byte[]> weak = server.get("/photos", "If-None-Match", "W/" + etag);
      HttpResponse<byte[]> star = server.get("/photos", "If-None-Match", "*");

      for (HttpResponse<byte[]> response : Arrays.asList(exact, inList, weak, star)) {
        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
      }
    }
  }

  @ContainerTest
  void staleIfNoneMatchGivesFullResponse() throws Exception {
    try (TestServer server = serveJson(new AtomicReference<>(JSON))) {
      HttpResponse<byte[]> response = server.get("/photos", "If-None-Match", "\"0000000000000000\", W/\"1\"");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(new String(response.body(), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void hostileIfNoneMatchNeverMatchesAndNeverFails() throws Exception {
    try (TestServer server = serveJson(new AtomicReference<>(JSON))) {
      String etag = server.get("/photos").headers().firstValue("ETag").orElseThrow();
      String bare = etag.substring(1, etag.length() - 1);
      String[] hostile = {
        bare, "W/" + bare, "\"" + bare, "W/", ",,,", "\"\"", "* , x", "**", "W/W/" + etag,
        "\"a\" \"b\" " + bare, "x".repeat(7000), "\"a\",".repeat(1500)
      };
      for (String value : hostile) {
        HttpResponse<byte[]> response = server.get("/photos", "If-None-Match", value);
        assertThat(response.statusCode()).as(value.length() > 40 ? "huge header" : value).isEqualTo(200);
        assertThat(new String(response.body(), UTF_8)).isEqualTo(JSON);
      }
      HttpResponse<byte[]> hugeWithMatchAtEnd =
          server.get("/photos", "If-None-Match", "\"a\",".repeat(1500) + etag);
      assertThat(hugeWithMatchAtEnd.statusCode()).isEqualTo(304);
    }
  }

  @ContainerTest
  void headGetsTheSameEtagAsGet() throws Exception {
    try (TestServer server = serveJson(new AtomicReference<>(JSON))) {
      String etag = server.get("/photos").headers().firstValue("ETag").orElseThrow();

      HttpResponse<byte[]> head = server.head("/photos");
      HttpResponse<byte[]> conditionalHead = server.head("/photos", "If-None-Match", etag);

      assertThat(head.statusCode()).isEqualTo(200);
      assertThat(head.headers().firstValue("ETag")).hasValue(etag);
      assertThat(head.body()).isEmpty();
      assertThat(conditionalHead.statusCode()).isEqualTo(304);
    }
  }

  @ContainerTest
  void writerBodiesAreHashedInTheResponseCharset() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      resp.setContentType("application/json;charset=UTF-8");
      resp.getWriter().write(JSON);
    })) {
      HttpResponse<byte[]> response = server.get("/photos");

      assertThat(new String(response.body(), UTF_8)).isEqualTo(JSON);
      String etag = response.headers().firstValue("ETag").orElseThrow();
      assertThat(server.get("/photos", "If-None-Match", etag).statusCode()).isEqualTo(304);
    }
  }

  @ContainerTest
  void responsesWithTheirOwnEtagAreLeftAlone() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      resp.setHeader("ETag", "\"v7\"");
      resp.getOutputStream().write(JSON.getBytes(UTF_8));
    })) {
      HttpResponse<byte[]> response = server.get("/photos", "If-None-Match", "\"something\"");

      assertThat(response.headers().allValues("ETag")).containsExactly("\"v7\"");
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @ContainerTest
  void noStoreResponsesGetNoEtag() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      resp.setHeader("Cache-Control", "private, no-store");
      resp.getOutputStream().write(JSON.getBytes(UTF_8));
    })) {
      HttpResponse<byte[]> response = server.get("/me", "If-None-Match", "*");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("ETag")).isEmpty();
      assertThat(new String(response.body(), UTF_8)).isEqualTo(JSON);
    }
  }

  @ContainerTest
  void bodiesOverTheLimitStreamThroughWithoutEtag() throws Exception {
    byte[] big = new byte[10_000];
    Arrays.fill(big, (byte) 'x');
    try (TestServer server = TestServer.start((req, resp) -> {
      for (int i = 0; i < big.length; i += 1000) {
        resp.getOutputStream().write(big, i, 1000);
      }
    }, EtagFilter.builder().maxBufferBytes(4096).build())) {
      HttpResponse<byte[]> response = server.get("/big", "If-None-Match", "*");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("ETag")).isEmpty();
      assertThat(response.body()).isEqualTo(big);
    }
  }

  @ContainerTest
  void writerBodiesOverTheLimitStreamWithoutEtag() throws Exception {
    String big = "y".repeat(5000);
    try (TestServer server = TestServer.start((req, resp) -> resp.getWriter().write(big),
        EtagFilter.builder().maxBufferBytes(100).build())) {
      HttpResponse<byte[]> response = server.get("/big");

      assertThat(response.headers().firstValue("ETag")).isEmpty();
      assertThat(new String(response.body(), UTF_8)).isEqualTo(big);
    }
  }

  @ContainerTest
  void flushedResponsesStreamWithoutEtag() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      if (req.getRequestURI().equals("/flush-buffer")) {
        resp.getOutputStream().write("a".getBytes(UTF_8));
        resp.flushBuffer();
      } else {
        resp.getOutputStream().write("a".getBytes(UTF_8));
        resp.getOutputStream().flush();
      }
      resp.getOutputStream().write("b".getBytes(UTF_8));
    })) {
      for (String path : new String[] {"/flush-buffer", "/flush-then-write"}) {
        HttpResponse<byte[]> response = server.get(path);
        assertThat(response.headers().firstValue("ETag")).as(path).isEmpty();
        assertThat(new String(response.body(), UTF_8)).isEqualTo("ab");
      }
    }
  }

  @ContainerTest
  void aFlushAtTheEndOfTheBodyKeepsTheEtag() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      resp.getOutputStream().write(JSON.getBytes(UTF_8));
      resp.getOutputStream().flush();
    })) {
      assertThat(server.get("/photos").headers().firstValue("ETag")).isPresent();
    }
  }

  @ContainerTest
  void eventStreamsAreNeverHeld() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      resp.setContentType("text/event-stream");
      resp.getOutputStream().write("data: 1\n\n".getBytes(UTF_8));
    })) {
      assertThat(server.get("/events").headers().firstValue("ETag")).isEmpty();
    }
  }

  @ContainerTest
  void onlySuccessfulGetAndHeadAreTagged() throws Exception {
    try (TestServer server = serve((req, resp) -> {
      if (req.getRequestURI().equals("/missing")) {
        resp.sendError(404, "no such photo");
        return;
      }
      if (req.getRequestURI().equals("/created")) {
        resp.setStatus(201);
      }
      resp.getOutputStream().write(JSON.getBytes(UTF_8));
    })) {
      HttpResponse<byte[]> post = server.send(server.request("/photos")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")));
      HttpResponse<byte[]> created = server.get("/created");
      HttpResponse<byte[]> missing = server.get("/missing");

      assertThat(post.headers().firstValue("ETag")).isEmpty();
      assertThat(new String(post.body(), UTF_8)).isEqualTo(JSON);
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue("ETag")).isEmpty();
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("ETag")).isEmpty();
    }
  }

  @ContainerTest
  void heldBodiesGoOutWithTheirExactContentLengthOnBothContainers() throws Exception {
    byte[] big = "0123456789".repeat(10_000).getBytes(UTF_8); // past both containers' buffers
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/octet-stream");
      if (req.getRequestURI().equals("/declared")) {
        resp.setContentLength(12); // a HEAD answered without writing the body
        return;
      }
      resp.getOutputStream().write(big);
    }, EtagFilter.create())) {
      HttpResponse<byte[]> get = server.get("/big");
      assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(big.length);
      assertThat(get.headers().firstValue("Transfer-Encoding")).isEmpty();
      assertThat(get.body()).isEqualTo(big);

      HttpResponse<byte[]> range = server.get("/big", "Range", "bytes=0-49999",
          "If-Range", get.headers().firstValue("ETag").orElseThrow());
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(range.headers().firstValueAsLong("Content-Length")).hasValue(50_000);

      assertThat(server.head("/declared").headers().firstValueAsLong("Content-Length")).hasValue(12);
    }
  }

  @Test
  void builderRejectsANonPositiveLimit() {
    assertThatThrownBy(() -> EtagFilter.builder().maxBufferBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBufferBytes must be at least 1, was 0");
  }
}
