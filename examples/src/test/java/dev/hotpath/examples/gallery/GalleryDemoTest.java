package dev.hotpath.examples.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The demo that README's command runs, on a service with in-memory caches whatever the
 * environment says.
 */
class GalleryDemoTest {

  @Test
  void demoShowsWhatEachBlockDid() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        GalleryService gallery = GalleryService.start(0, null)) {
      GalleryDemo.run(gallery, out);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed)
        .contains("1. GET /api/photos -> 200, 10 photos (ids 30..21), gzip:")
        .contains("-> ids 20..11")
        .contains("a tampered cursor -> 400")
        .containsPattern("ETag \"[0-9a-f]{16}\"")
        .contains("again with If-None-Match -> 304, 0 body bytes")
        .contains("statuses [200, 200, 200, 200, 200, 200, 200, 200], 1 distinct body")
        .contains("vision API requests: 1 (DedupFilter ran the request once for all 8)")
        .contains("(vision API requests: 2, retries: 1)")
        .contains("-> 429 {\"error\":\"vision-api: RATE_LIMITED\"} (vision API requests: 0")
        .contains("detected: N+1 in GET /api/naive/photos on gallery: 6 x SELECT photo_id, tag")
        .contains("desc=\"2 queries\", new N+1 reports: 0")
        .contains("6. GET /health/ready -> 200 {\"status\":\"UP\"")
        .contains("hotpath_http_server_seconds{outcome=\"success\",route=\"GET /api/photos\",quantile=\"0.95\"}");
  }
}
