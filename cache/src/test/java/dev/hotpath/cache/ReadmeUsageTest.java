package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.testing.TestServices;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The usage example of cache/README.md, so that it keeps compiling and working. */
class ReadmeUsageTest {
  record Photo(long id, String title) {}

  private final Map<Long, Photo> photoTable = Map.of(42L, new Photo(42, "harbour"));

  private Photo find(long id) {
    return photoTable.get(id);
  }

  @Test
  void readmeExampleWorks() {
    String uri = TestServices.redis().uri();
    String prefix = "readme-" + UUID.randomUUID().toString().substring(0, 8);
    try (RedisTier redis = RedisTier.builder(RedisURI.create(uri)).keyPrefix(prefix).build();
        TieredCache<Long, Photo> photos = TieredCache.<Long, Photo>builder("photos")
            .maximumSize(10_000)
            .ttl(Duration.ofMinutes(10))
            .staleWhileRevalidate(Duration.ofMinutes(1))
            .redisTier(redis, Codec.json(Photo.class))
            .build()) {
      Photo p = photos.get(42L, List.of("album:7"), id -> find(id));
      photos.invalidateTag("album:7");
      assertThat(p).isEqualTo(new Photo(42, "harbour"));
      assertThat(photos.get(42L, List.of("album:7"), id -> new Photo(id, "renamed")).title()).isEqualTo("renamed");
    } finally {
      PrefixCleanup.deleteKeys(uri, prefix);
    }
  }
}
