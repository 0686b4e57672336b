package dev.hotpath.examples.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.pool.NPlusOneReport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/**
 * Starts the {@link GalleryService} on a free port, talks to it over HTTP as a client would, prints
 * what each block did, and stops it. Run with {@code ./mvnw -B -q -pl examples -am test-compile
 * exec:java}; needs no Redis or PostgreSQL.
 */
public final class GalleryDemo {

  /** How many identical requests the burst sends at once. */
  static final int BURST = 8;

  private final GalleryService gallery;
  private final PrintStream out;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper json = new ObjectMapper();

  private GalleryDemo(GalleryService gallery, PrintStream out) {
    this.gallery = gallery;
    this.out = out;
  }

  /**
   * Runs the demo and prints to standard out.
   *
   * @param args ignored
   * @throws Exception if the demo fails (it should not)
   */
  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /**
   * Starts the service, runs every step, stops the service.
   *
   * @param out where to print
   * @throws Exception if a step fails
   */
  static void run(PrintStream out) throws Exception {
    try (GalleryService gallery = GalleryService.start(0)) {
      out.println("gallery service at " + gallery.uri());
      GalleryDemo demo = new GalleryDemo(gallery, out);
      demo.pagesWithGzipAndServerTiming();
      demo.etagRevalidation();
      demo.deduplicatedBurst();
      demo.guardedLabels();
      demo.nPlusOneAndItsFix();
      demo.healthAndMetrics();
    }
    out.println("server stopped");
  }

  /** Pool (Keyset, BatchLoader), CompressionFilter, TimingFilter. */
  private void pagesWithGzipAndServerTiming() throws Exception {
    HttpResponse<byte[]> first = get("api/photos", "Accept-Encoding", "gzip");
    byte[] body = gunzip(first.body());
    PhotoPage page = json.readValue(body, PhotoPage.class);
    out.printf("%n1. GET /api/photos -> %d, %d photos (ids %d..%d), %s: %d bytes of JSON sent as %d%n",
        first.statusCode(), page.photos().size(), page.photos().get(0).id(),
        last(page.photos()).id(), header(first, "Content-Encoding"), body.length,
        first.body().length);
    out.println("   Server-Timing: " + header(first, "Server-Timing"));
    PhotoPage second = json.readValue(get("api/photos?after=" + page.next()).body(),
        PhotoPage.class);
    out.printf("   next page ?after=%s... -> ids %d..%d (keyset: stable, same cost at any depth)%n",
        page.next().substring(0, 12), second.photos().get(0).id(), last(second.photos()).id());
    out.println("   a tampered cursor -> " + get("api/photos?after=" + tamper(page.next()))
        .statusCode());
  }

  /** TieredCache, EtagFilter, CacheControlFilter. */
  private void etagRevalidation() throws Exception {
    HttpResponse<byte[]> photo = get("api/photos/7");
    String etag = header(photo, "ETag");
    out.printf("%n2. GET /api/photos/7 -> %d %s%n   ETag %s, Cache-Control %s, Server-Timing %s%n",
        photo.statusCode(), text(photo), etag, header(photo, "Cache-Control"),
        header(photo, "Server-Timing"));
    HttpResponse<byte[]> again = get("api/photos/7", "If-None-Match", etag);
    out.printf("   again with If-None-Match -> %d, %d body bytes, Server-Timing %s%n",
        again.statusCode(), again.body().length, header(again, "Server-Timing"));
  }

  /** DedupFilter (and the guard's own de-duplication behind it). */
  private void deduplicatedBurst() throws Exception {
    FakeVisionApi visionApi = gallery.visionApi();
    int before = visionApi.requests();
    visionApi.hold(); // keep the first call in flight until every request of the burst is in
    List<CompletableFuture<HttpResponse<byte[]>>> burst = new ArrayList<>();
    for (int i = 0; i < BURST; i++) {
      burst.add(client.sendAsync(request("api/photos/11/labels").build(),
          HttpResponse.BodyHandlers.ofByteArray()));
    }
    while (gallery.requestsInDedup() < BURST) {
      Thread.onSpinWait();
    }
    visionApi.release();
    Set<String> bodies = new HashSet<>();
    List<Integer> statuses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<byte[]>> response : burst) {
      statuses.add(response.join().statusCode());
      bodies.add(text(response.join()));
    }
    out.printf("%n3. %d concurrent GET /api/photos/11/labels -> statuses %s, %d distinct body %s%n"
            + "   vision API requests: %d (DedupFilter ran the request once for all %d)%n",
        BURST, statuses, bodies.size(), bodies, visionApi.requests() - before, BURST);
  }

  /** Guard: result cache, retry on 429 with Retry-After, rate limit. */
  private void guardedLabels() throws Exception {
    out.printf("%n4. labels of other photos, through the vision-api guard"
        + " (%d calls per %d s; the fake API answers every 3rd request with 429):%n",
        GalleryService.VISION_RATE_LIMIT, GalleryService.VISION_RATE_WINDOW.toSeconds());
    for (long id = 1; id <= GalleryService.PHOTOS; id++) {
      int requestsBefore = gallery.visionApi().requests();
      long retriesBefore = gallery.vision().stats().retries();
      HttpResponse<byte[]> labels = get("api/photos/" + id + "/labels");
      out.printf("   photo %d -> %d %s (vision API requests: %d, retries: %d)%n", id,
          labels.statusCode(), text(labels), gallery.visionApi().requests() - requestsBefore,
          gallery.vision().stats().retries() - retriesBefore);
      if (labels.statusCode() == 429) {
        out.println("   ...rate limited by our guard: the API was not called;"
            + " Retry-After " + header(labels, "Retry-After"));
        break;
      }
    }
    HttpResponse<byte[]> cached = get("api/photos/11/labels");
    out.println("   photo 11 again -> " + cached.statusCode()
        + " from the guard's result cache (TieredCache), no permit spent");
  }

  /** HotpathDataSource's N+1 detection, fixed by BatchLoader. */
  private void nPlusOneAndItsFix() throws Exception {
    int reportsBefore = gallery.queries().nPlusOneReports().size();
    HttpResponse<byte[]> naive = get("api/naive/photos");
    List<NPlusOneReport> reports = gallery.queries().nPlusOneReports();
    out.printf("%n5. GET /api/naive/photos -> %d, Server-Timing %s%n", naive.statusCode(),
        header(naive, "Server-Timing"));
    reports.subList(reportsBefore, reports.size())
        .forEach(report -> out.println("   detected: " + report.describe()));
    HttpResponse<byte[]> batched = get("api/photos");
    out.printf("   GET /api/photos (BatchLoader) -> %d, Server-Timing %s, new N+1 reports: %d%n",
        batched.statusCode(), header(batched, "Server-Timing"),
        gallery.queries().nPlusOneReports().size() - reports.size());
  }

  /** HealthServlet over the pool's and the guard's checks; MetricsServlet over the registry. */
  private void healthAndMetrics() throws Exception {
    HttpResponse<byte[]> health = get("health/ready");
    out.printf("%n6. GET /health/ready -> %d %s%n", health.statusCode(), text(health));
    out.println("7. GET /metrics/prometheus, p95 of each name (one registry shared by all blocks):");
    text(get("metrics/prometheus")).lines()
        .filter(line -> line.contains("quantile=\"0.95\""))
        .forEach(line -> out.println("   " + line));
  }

  private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = request(path);
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(gallery.uri().resolve(URI.create(path))).GET();
  }

  private static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("(none)");
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gunzip(byte[] gzipped) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Flips one character of the cursor, as a client guessing other pages might. */
  static String tamper(String cursor) {
    char flipped = cursor.charAt(2) == 'A' ? 'B' : 'A';
    return cursor.substring(0, 2) + flipped + cursor.substring(3);
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }
}
