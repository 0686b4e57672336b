package dev.hotpath.examples.gallery;

import static dev.hotpath.examples.gallery.GalleryClient.body;
import static dev.hotpath.examples.gallery.GalleryClient.header;
import static dev.hotpath.examples.gallery.GalleryClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.pool.NPlusOneReport;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gallery on a real Jetty (port 0), driven by the JDK HttpClient like any client. */
class GalleryServiceTest {

  private final ObjectMapper json = new ObjectMapper();
  private GalleryService gallery;
  private GalleryClient client;

  @BeforeEach
  void start() throws Exception {
    gallery = GalleryService.start(0, null); // in-memory caches, whatever the environment says
    client = new GalleryClient(gallery.uri());
  }

  @AfterEach
  void stop() {
    gallery.close();
  }

  @Test
  void cursorsWalkEveryPhotoNewestFirstAndPagesAreGzipped() throws Exception {
    HttpResponse<byte[]> first = client.get("api/photos", "Accept-Encoding", "gzip");
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(header(first, "Content-Encoding")).isEqualTo("gzip");
    assertThat(header(first, "Vary")).containsIgnoringCase("Accept-Encoding");
    assertThat(first.body().length).isLessThan(body(first).length);

    List<Long> ids = new ArrayList<>();
    PhotoPage page = json.readValue(body(first), PhotoPage.class);
    while (true) {
      assertThat(page.photos()).hasSizeLessThanOrEqualTo(10);
      page.photos().forEach(photo -> ids.add(photo.id()));
      if (page.next() == null) {
        break;
      }
      page = json.readValue(body(client.get("api/photos?after=" + page.next())), PhotoPage.class);
    }
    assertThat(ids).containsExactlyElementsOf(
        LongStream.iterate(GalleryService.PHOTOS, id -> id >= 1, id -> id - 1).boxed().toList());
  }

  @Test
  void tamperedCursorsAndBadPageSizesAre400() throws Exception {
    String next = json.readValue(body(client.get("api/photos")), PhotoPage.class).next();

    HttpResponse<byte[]> tampered = client.get("api/photos?after=" + GalleryDemo.tamper(next));
    assertThat(tampered.statusCode()).isEqualTo(400);
    assertThat(header(tampered, "Cache-Control")).contains("no-store");
    assertThat(client.get("api/photos?size=0").statusCode()).isEqualTo(400);
    assertThat(client.get("api/photos?size=51").statusCode()).isEqualTo(400);
    assertThat(client.get("api/photos?size=ten").statusCode()).isEqualTo(400);
  }

  @Test
  void photoCarriesEtagAndRevalidatesTo304FromTheResponseCache() throws Exception {
    HttpResponse<byte[]> photo = client.get("api/photos/7");
    assertThat(photo.statusCode()).isEqualTo(200);
    assertThat(json.readValue(photo.body(), Photo.class).id()).isEqualTo(7);
    assertThat(header(photo, "Cache-Control")).contains("no-cache");
    assertThat(header(photo, "Server-Timing")).contains("cache-load;").contains("desc=\"1 load\"");
    String etag = header(photo, "ETag");
    assertThat(etag).matches("\"[0-9a-f]{16}\"");

    HttpResponse<byte[]> again = client.get("api/photos/7", "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(header(again, "ETag")).isEqualTo(etag);
    // The stored page answers: neither the photo cache nor the database is asked.
    assertThat(header(again, "Server-Timing")).contains("response-cache;").contains("desc=\"hit\"")
        .doesNotContain("cache-hit;");
  }

  @Test
  void aRetitledPhotoDropsItsStoredPageAndTheNextRequestSeesTheNewTitle() throws Exception {
    assertThat(json.readValue(client.get("api/photos/7").body(), Photo.class).title()).isNotEqualTo("harbour at dawn");
    assertThat(header(client.get("api/photos/8"), "Server-Timing")).contains("desc=\"miss\"");
    assertThat(header(client.get("api/photos/7"), "Server-Timing")).contains("desc=\"hit\"");

    HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            gallery.uri().resolve("api/photos/7")).PUT(HttpRequest.BodyPublishers.ofString("harbour at dawn")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).isEqualTo(204);

    HttpResponse<byte[]> renamed = client.get("api/photos/7");
    assertThat(json.readValue(renamed.body(), Photo.class).title()).isEqualTo("harbour at dawn");
    assertThat(header(renamed, "Server-Timing")).contains("desc=\"miss\"").contains("cache-load;");
    assertThat(header(client.get("api/photos/8"), "Server-Timing")).contains("desc=\"hit\"");
  }

  @Test
  void labelsAreRateLimitedPerClientWith429AndRetryAfter() throws Exception {
    for (int i = 0; i < GalleryService.LABELS_PER_CLIENT_PER_MINUTE; i++) {
      assertThat(client.get("api/photos/1/labels", "X-Api-Key", "alice").statusCode()).isEqualTo(200);
    }
    HttpResponse<byte[]> refused = client.get("api/photos/1/labels", "X-Api-Key", "alice");
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 60L);
    assertThat(header(refused, "RateLimit-Policy")).isEqualTo("\"labels\";q=60;w=60");
    assertThat(client.get("api/photos/1/labels", "X-Api-Key", "bob").statusCode()).isEqualTo(200);
    assertThat(client.get("api/photos/1", "X-Api-Key", "alice").statusCode()).isEqualTo(200);
  }

  @Test
  void unknownPhotosAndPathsAre404() throws Exception {
    assertThat(client.get("api/photos/999").statusCode()).isEqualTo(404);
    assertThat(client.get("api/photos/999/labels").statusCode()).isEqualTo(404);
    assertThat(client.get("api/photos/seven").statusCode()).isEqualTo(404);
    assertThat(gallery.visionApi().requests()).isZero();
  }

  @Test
  void burstOfIdenticalLabelRequestsReachesTheVisionApiOnce() throws Exception {
    gallery.visionApi().hold();
    List<CompletableFuture<HttpResponse<byte[]>>> burst = new ArrayList<>();
    for (int i = 0; i < GalleryDemo.BURST; i++) {
      burst.add(client.getAsync("api/photos/11/labels"));
    }
    await().until(() -> gallery.requestsInDedup() == GalleryDemo.BURST);
    gallery.visionApi().release();

    List<HttpResponse<byte[]>> responses = burst.stream().map(CompletableFuture::join).toList();
    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses.stream().map(GalleryClient::text).collect(Collectors.toSet()))
        .containsExactly("{\"photoId\":11,\"labels\":[\"person\",\"light\"]}");
    assertThat(gallery.visionApi().requests()).isEqualTo(1);
  }

  @Test
  void visionApi429IsRetriedAndTheCallerSeesLabels() throws Exception {
    // The fake answers every third request with 429: photo 3's first attempt.
    for (long id = 1; id <= 3; id++) {
      HttpResponse<byte[]> labels = client.get("api/photos/" + id + "/labels");
      assertThat(labels.statusCode()).isEqualTo(200);
      assertThat(json.readValue(labels.body(), Labels.class).photoId()).isEqualTo(id);
    }
    assertThat(gallery.visionApi().requests()).isEqualTo(4);
    assertThat(gallery.vision().stats().retries()).isEqualTo(1);
  }

  @Test
  void callsBeyondTheRateLimitGet429WithoutReachingTheVisionApi() throws Exception {
    HttpResponse<byte[]> refused = null;
    // The limit is per window; should a window end mid-test, more calls pass: keep asking.
    for (long id = 1; id <= GalleryService.PHOTOS && refused == null; id++) {
      int requestsBefore = gallery.visionApi().requests();
      HttpResponse<byte[]> labels = client.get("api/photos/" + id + "/labels");
      if (labels.statusCode() == 429) {
        refused = labels;
        assertThat(gallery.visionApi().requests()).isEqualTo(requestsBefore);
      } else {
        assertThat(labels.statusCode()).isEqualTo(200);
      }
    }
    assertThat(refused).isNotNull();
    assertThat(text(refused)).contains("RATE_LIMITED");
    assertThat(header(refused, "Retry-After"))
        .isEqualTo(String.valueOf(GalleryService.VISION_RATE_WINDOW.toSeconds()));
    // Labels already fetched come from the guard's result cache: no permit needed.
    assertThat(client.get("api/photos/1/labels").statusCode()).isEqualTo(200);
  }

  @Test
  void naiveListIsReportedAsNPlusOneAndTheBatchedListIsNot() throws Exception {
    HttpResponse<byte[]> naive = client.get("api/naive/photos");
    assertThat(naive.statusCode()).isEqualTo(200);
    assertThat(header(naive, "Server-Timing")).contains("db;").contains("desc=\"11 queries\"");
    assertThat(gallery.queries().nPlusOneReports()).singleElement().satisfies(report -> {
      assertThat(report.scopeName()).isEqualTo("GET /api/naive/photos");
      assertThat(report.fingerprint().text()).startsWith("SELECT photo_id, tag FROM photo_tag");
      assertThat(report.count()).isEqualTo(GalleryService.N_PLUS_ONE_THRESHOLD + 1);
      assertThat(report.caller()).get().extracting(StackTraceElement::getClassName)
          .isEqualTo(PhotoStore.class.getName());
    });

    HttpResponse<byte[]> batched = client.get("api/photos");
    assertThat(header(batched, "Server-Timing")).contains("db;").contains("desc=\"2 queries\"");
    assertThat(gallery.queries().nPlusOneReports()).extracting(NPlusOneReport::scopeName)
        .containsExactly("GET /api/naive/photos");
    assertThat(text(batched)).isEqualTo(text(naive));
  }

  @Test
  void startingOnATakenPortFails() {
    assertThatThrownBy(() -> GalleryService.start(gallery.uri().getPort(), null))
        .hasMessageContaining("Failed to bind");
  }

  @Test
  void healthShowsThePoolAndTheGuardAndMetricsShowEveryBlock() throws Exception {
    client.get("api/photos/7");
    client.get("api/photos/7/labels");

    assertThat(client.get("metrics").statusCode()).isEqualTo(401);
    assertThat(text(client.get("health/ready"))).isEqualTo("{\"status\":\"UP\"}");
    String operator = "Bearer " + gallery.monitoringToken();
    HttpResponse<byte[]> health = client.get("health/ready", "Authorization", operator);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(text(health)).startsWith("{\"status\":\"UP\"")
        .contains("\"db\":{\"status\":\"UP\"").contains("\"vision-api\":{\"status\":\"UP\"");

    HttpResponse<byte[]> metrics = client.get("metrics", "Authorization", operator);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(text(metrics)).contains(
        "\"hotpath.http.server{outcome=success, route=GET /api/photos/*}\"",
        "\"hotpath.pool.acquire{pool=gallery}\"", "\"hotpath.cache.load{cache=photos}\"",
        "\"hotpath.guard.call{guard=vision-api}\"");
    assertThat(text(client.get("metrics/prometheus", "Authorization", operator)))
        .contains("hotpath_http_server_seconds{outcome=\"success\",route=\"GET /api/photos/*\",quantile=\"0.95\"}")
        .contains("hotpath_cache_load_seconds_count{cache=\"photos\"}")
        .contains("hotpath_guard_call_seconds_count{guard=\"vision-api\"}");
  }
}
