package dev.hotpath.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Boot gallery on real Tomcat, H2 and Redis, spoken to over HTTP with the JDK client (which
 * neither decompresses nor revalidates by itself, so what the server sent is what is checked).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GalleryApplicationTest {
  private static final String PREFIX = "gallery-it-" + ProcessHandle.current().pid() + "-"
      + System.nanoTime();
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort
  int port;

  @Autowired
  StringRedisTemplate redis;

  private final HttpClient client = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry properties) {
    RedisEndpoint redis = TestServices.redis();
    properties.add("spring.data.redis.host", redis::host);
    properties.add("spring.data.redis.port", redis::port);
    properties.add("hotpath.cache.redis.enabled", () -> "true");
    properties.add("hotpath.cache.redis.key-prefix", () -> PREFIX);
  }

  @Test
  void aPhotoHasAnEtagAndARevalidationIsA304FromTheCache() throws Exception {
    HttpResponse<byte[]> first = send(get("/api/photos/7"));
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).get("id").asLong()).isEqualTo(7);
    // A ResponseEntity, after which Spring MVC calls flushBuffer(): still tagged.
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(serverTiming(first)).as("loaded from the database through the cache")
        .contains("db;").contains("cache-load;");
    assertThat(redis.keys(PREFIX + ":photos:*")).as("the photo is in Redis too").isNotEmpty();

    HttpResponse<byte[]> again = send(get("/api/photos/7").header("If-None-Match", etag));
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(serverTiming(again)).contains("cache-hit;").doesNotContain("db;");
    assertThat(send(get("/api/photos/999")).statusCode()).isEqualTo(404);
  }

  @Test
  void pagesAreGzippedAndTheBatchedListAvoidsNPlusOne() throws Exception {
    HttpResponse<byte[]> page = send(get("/api/photos").header("Accept-Encoding", "gzip"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
    JsonNode body = JSON.readTree(gunzip(page.body()));
    assertThat(body.get("photos")).hasSize(10);
    assertThat(body.get("photos").get(0).get("id").asLong()).isEqualTo(30);
    assertThat(serverTiming(page)).contains("desc=\"2 queries\"");

    HttpResponse<byte[]> naive = send(get("/api/naive/photos"));
    assertThat(naive.statusCode()).isEqualTo(200);
    assertThat(serverTiming(naive)).as("one tag query per photo").contains("desc=\"11 queries\"");
    assertThat(JSON.readTree(naive.body())).as("the same page").isEqualTo(body);

    HttpResponse<byte[]> next = send(get("/api/photos?after=" + body.get("next").asText()));
    assertThat(JSON.readTree(next.body()).get("photos").get(0).get("id").asLong()).isEqualTo(20);
    assertThat(send(get("/api/photos?after=forged")).statusCode()).isEqualTo(400);
  }

  @Test
  void anUploadInvalidatesThePhotosTag() throws Exception {
    send(get("/api/photos/9"));
    assertThat(serverTiming(send(get("/api/photos/9")))).contains("cache-hit;");

    HttpResponse<byte[]> upload = send(request("/api/photos/9")
        .PUT(HttpRequest.BodyPublishers.ofString("Harbour at dawn")));
    assertThat(upload.statusCode()).isEqualTo(204);

    HttpResponse<byte[]> after = send(get("/api/photos/9"));
    assertThat(JSON.readTree(after.body()).get("title").asText()).isEqualTo("Harbour at dawn");
    assertThat(serverTiming(after)).as("photo:9 was invalidated").contains("cache-load;");
    assertThat(send(request("/api/photos/999").PUT(HttpRequest.BodyPublishers.ofString("x")))
        .statusCode()).isEqualTo(404);
  }

  @Test
  void labelsComeThroughTheGuard() throws Exception {
    HttpResponse<byte[]> labels = send(get("/api/photos/3/labels"));
    assertThat(labels.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(labels.body()).get("photoId").asLong()).isEqualTo(3);
  }

  @Test
  void actuatorShowsHotpathsHealthAndReport() throws Exception {
    send(get("/api/photos/2"));
    HttpResponse<byte[]> health = send(get("/actuator/health"));
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(new String(health.body())).contains("\"hotpath\"", "\"pool-main\"",
        "\"redis-cache\"", "\"guard-vision-api\"");

    String report = new String(send(get("/actuator/hotpath")).body());
    assertThat(report).as("routes by Spring MVC's pattern, statements, the cache")
        .contains("GET /api/photos/{id}").doesNotContain("/api/photos/2")
        .contains("hotpath.pool.statement").contains("photos");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
  }

  private HttpRequest.Builder get(String path) {
    return request(path).GET();
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String serverTiming(HttpResponse<?> response) {
    return response.headers().firstValue("Server-Timing").orElse("");
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }
}
