package dev.hotpath.examples.gallery;

import static dev.hotpath.examples.gallery.GalleryClient.header;
import static dev.hotpath.examples.gallery.GalleryClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.examples.SharedRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two gallery nodes sharing the real Redis as their caches' second tier. */
class GalleryWithRedisTest {

  @RegisterExtension
  static final SharedRedis REDIS = new SharedRedis("gallery-test");

  @Test
  void aPhotoLoadedOnOneNodeIsServedFromRedisOnTheOther() throws Exception {
    try (GalleryService first = GalleryService.start(0, REDIS.tier());
        GalleryService second = GalleryService.start(0, REDIS.tier())) {
      assertThat(header(new GalleryClient(first.uri()).get("api/photos/7"), "Server-Timing"))
          .contains("cache-load;");
      // The first node writes to Redis in the background.
      await().until(() -> REDIS.exists("photos:k:7"));

      GalleryClient secondClient = new GalleryClient(second.uri());
      assertThat(header(secondClient.get("api/photos/7"), "Server-Timing"))
          .contains("cache-hit;");
      assertThat(text(secondClient.get("health/ready",
          "Authorization", "Bearer " + second.monitoringToken())))
          .contains("\"redis\":{\"status\":\"UP\"");
    }
  }
}
