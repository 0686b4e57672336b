package dev.hotpath.examples.gallery;

import static dev.hotpath.examples.gallery.GalleryClient.header;
import static dev.hotpath.examples.gallery.GalleryClient.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.cache.RedisTier;
import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two gallery nodes sharing the real Redis as their caches' second tier. */
class GalleryWithRedisTest {

  private static final String PREFIX = "gallery-test-" + UUID.randomUUID();

  private static RedisURI uri;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> redis;

  @BeforeAll
  static void connect() {
    uri = RedisURI.create(TestServices.redis().uri());
    client = RedisClient.create(uri);
    redis = client.connect();
  }

  @AfterAll
  static void disconnect() {
    var keys = redis.sync().keys(PREFIX + ":*");
    if (!keys.isEmpty()) {
      redis.sync().del(keys.toArray(String[]::new));
    }
    redis.close();
    client.shutdown();
  }

  @Test
  void aPhotoLoadedOnOneNodeIsServedFromRedisOnTheOther() throws Exception {
    try (GalleryService first = GalleryService.start(0, tier());
        GalleryService second = GalleryService.start(0, tier())) {
      assertThat(header(new GalleryClient(first.uri()).get("api/photos/7"), "Server-Timing"))
          .contains("cache-load;");
      // The first node writes to Redis in the background.
      await().until(() -> redis.sync().exists(PREFIX + ":photos:k:7") == 1);

      GalleryClient secondClient = new GalleryClient(second.uri());
      assertThat(header(secondClient.get("api/photos/7"), "Server-Timing"))
          .contains("cache-hit;");
      assertThat(text(secondClient.get("health/ready",
          "Authorization", "Bearer " + second.monitoringToken())))
          .contains("\"redis\":{\"status\":\"UP\"");
    }
  }

  private static RedisTier tier() {
    return RedisTier.builder(uri).keyPrefix(PREFIX).build();
  }
}
