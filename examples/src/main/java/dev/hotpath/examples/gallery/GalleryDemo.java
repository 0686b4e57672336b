package dev.hotpath.examples.gallery;

import static dev.hotpath.examples.gallery.GalleryClient.body;
import static dev.hotpath.examples.gallery.GalleryClient.header;
import static dev.hotpath.examples.gallery.GalleryClient.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.pool.NPlusOneReport;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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
  private final GalleryClient client;
  private final ObjectMapper json = new ObjectMapper();

  private GalleryDemo(GalleryService gallery, PrintStream out) {
    this.gallery = gallery;
    this.out = out;
    this.client = new GalleryClient(gallery.uri());
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
      run(gallery, out);
    }
    out.println("server stopped");
  }

  /**
   * Runs every step against a running service.
   *
   * @param gallery the service, freshly started
   * @param out where to print
   * @throws Exception if a step fails
   */
  static void run(GalleryService gallery, PrintStream out) throws Exception {
    out.println("gallery service at " + gallery.uri());
    GalleryDemo demo = new GalleryDemo(gallery, out);
    demo.pagesWithGzipAndServerTiming();
    demo.etagRevalidation();
    demo.deduplicatedBurst();
    demo.guardedLabels();
    demo.nPlusOneAndItsFix();
    demo.healthAndMetrics();
  }

  /** Pool (Keyset, BatchLoader), CompressionFilter, TimingFilter. */
  private void pagesWithGzipAndServerTiming() throws Exception {
    HttpResponse<byte[]> first = client.get("api/photos", "Accept-Encoding", "gzip");
    byte[] body = body(first);
    PhotoPage page = json.readValue(body, PhotoPage.class);
    out.printf("%n1. GET /api/photos -> %d, %d photos (ids %d..%d), %s: %d bytes of JSON sent as %d%n",
        first.statusCode(), page.photos().size(), page.photos().get(0).id(),
        last(page.photos()).id(), header(first, "Content-Encoding"), body.length,
        first.body().length);
    out.println("   Server-Timing: " + header(first, "Server-Timing"));
    PhotoPage second = json.readValue(body(client.get("api/photos?after=" + page.next())),
        PhotoPage.class);
    out.printf("   next page ?after=%s... -> ids %d..%d (keyset: stable, same cost at any depth)%n",
        page.next().substring(0, 12), second.photos().get(0).id(), last(second.photos()).id());
    out.println("   a tampered cursor -> " + client.get("api/photos?after=" + tamper(page.next()))
        .statusCode());
  }

  /** TieredCache, EtagFilter, CacheControlFilter. */
  private void etagRevalidation() throws Exception {
    HttpResponse<byte[]> photo = client.get("api/photos/7");
    String etag = header(photo, "ETag");
    out.printf("%n2. GET /api/photos/7 -> %d %s%n   ETag %s, Cache-Control %s, Server-Timing %s%n",
        photo.statusCode(), text(photo), etag, header(photo, "Cache-Control"),
        header(photo, "Server-Timing"));
    HttpResponse<byte[]> again = client.get("api/photos/7", "If-None-Match", etag);
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
      burst.add(client.getAsync("api/photos/11/labels"));
    }
    try {
      awaitRequestsInDedup(BURST);
    } finally {
      visionApi.release();
    }
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
      HttpResponse<byte[]> labels = client.get("api/photos/" + id + "/labels");
      out.printf("   photo %d -> %d %s (vision API requests: %d, retries: %d)%n", id,
          labels.statusCode(), text(labels), gallery.visionApi().requests() - requestsBefore,
          gallery.vision().stats().retries() - retriesBefore);
      if (labels.statusCode() == 429) {
        out.println("   ...rate limited by our guard: the API was not called;"
            + " Retry-After " + header(labels, "Retry-After"));
        break;
      }
    }
    HttpResponse<byte[]> cached = client.get("api/photos/11/labels");
    out.println("   photo 11 again -> " + cached.statusCode()
        + " from the guard's result cache (TieredCache), no permit spent");
  }

  /** HotpathDataSource's N+1 detection, fixed by BatchLoader. */
  private void nPlusOneAndItsFix() throws Exception {
    int reportsBefore = gallery.queries().nPlusOneReports().size();
    HttpResponse<byte[]> naive = client.get("api/naive/photos");
    List<NPlusOneReport> reports = gallery.queries().nPlusOneReports();
    out.printf("%n5. GET /api/naive/photos -> %d, Server-Timing %s%n", naive.statusCode(),
        header(naive, "Server-Timing"));
    reports.subList(reportsBefore, reports.size())
        .forEach(report -> out.println("   detected: " + report.describe()));
    HttpResponse<byte[]> batched = client.get("api/photos");
    out.printf("   GET /api/photos (BatchLoader) -> %d, Server-Timing %s, new N+1 reports: %d%n",
        batched.statusCode(), header(batched, "Server-Timing"),
        gallery.queries().nPlusOneReports().size() - reports.size());
  }

  /** HealthServlet over the pool's and the guard's checks; MetricsServlet over the registry. */
  private void healthAndMetrics() throws Exception {
    String operator = "Bearer " + gallery.monitoringToken(); // metrics are for operators only
    HttpResponse<byte[]> health = client.get("health/ready", "Authorization", operator);
    out.printf("%n6. GET /health/ready -> %d %s%n", health.statusCode(), text(health));
    out.println("7. GET /metrics/prometheus, p95 of each series (one registry shared by all blocks):");
    text(client.get("metrics/prometheus", "Authorization", operator)).lines()
        .filter(line -> line.contains("quantile=\"0.95\""))
        .forEach(line -> out.println("   " + line));
  }

  private void awaitRequestsInDedup(int requests) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (gallery.requestsInDedup() < requests) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + gallery.requestsInDedup() + " of " + requests
            + " requests arrived within 5 s");
      }
      Thread.sleep(1);
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
