package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Two caches with their own Lettuce clients act as two nodes over the shared test Redis. */
class RedisTierTest extends TwoRedisNodesTestBase {
  private TieredCache<String, String> cache(RedisTier tier) {
    return cache(tier, "photos", Codec.json(String.class));
  }

  @Test
  void secondNodeIsAnsweredFromRedis() {
    assertThat(nodeA.get("a", k -> "from-a")).isEqualTo("from-a");
    await().until(() -> rawConnection.sync().exists(prefix + ":photos:k:a") == 1);
    assertThat(nodeB.get("a", k -> "from-b")).isEqualTo("from-a");
    assertThat(nodeB.stats().l2Hits()).isEqualTo(1);
    assertThat(nodeB.stats().loads()).isZero();
  }

  @Test
  void invalidateKeyStopsOtherNodeServingItOnceTheMessageArrives() {
    nodeA.get("a", k -> "v1");
    nodeB.get("a", k -> "v1");
    nodeA.invalidate("a");
    await().until(() -> "v2".equals(nodeB.get("a", k -> "v2")));
    // Node B's reload is written back to Redis asynchronously.
    await().until(() -> {
      String stored = rawConnection.sync().get(prefix + ":photos:k:a");
      return stored != null && stored.contains("v2");
    });
  }

  @Test
  void invalidateTagStopsOtherNodeServingTaggedValues() {
    nodeB.get("a", List.of("album:7"), k -> "v1");
    nodeB.get("b", List.of("album:8"), k -> "b1");
    nodeA.invalidateTag("album:7");
    await().until(() -> "v2".equals(nodeB.get("a", List.of("album:7"), k -> "v2")));
    assertThat(nodeB.get("b", List.of("album:8"), k -> "b2")).isEqualTo("b1");
  }

  @Test
  void redisValueWrittenBeforeATagInvalidationIsNotServed() {
    nodeA.get("a", List.of("t"), k -> "old");
    await().until(() -> rawConnection.sync().exists(prefix + ":photos:k:a") == 1);
    nodeA.invalidateTag("t");
    // Node B never saw the value; Redis still holds it, under the tag's old version.
    await().until(() -> "new".equals(nodeB.get("a", List.of("t"), k -> "new")));
    assertThat(nodeB.stats().l2Hits()).isZero();
  }

  @Test
  void invalidationThatCouldNotReachRedisInvalidatesEveryNodeOnceRedisAnswers() {
    nodeB.get("a", List.of("t"), k -> "v1");
    tierA.circuitBreaker().transitionToForcedOpenState();
    nodeA.invalidateTag("t");
    assertThat(nodeA.get("a", List.of("t"), k -> "v2")).isEqualTo("v2");
    assertThat(nodeB.get("a", List.of("t"), k -> "v2")).isEqualTo("v1");
    tierA.circuitBreaker().transitionToClosedState();
    nodeA.get("other", k -> "x");
    await().until(() -> "v2".equals(nodeB.get("a", List.of("t"), k -> "v2")));
  }

  @Test
  void invalidateAllReachesEveryNode() {
    nodeB.get("a", k -> "v1");
    nodeA.invalidateAll();
    await().until(() -> "v2".equals(nodeB.get("a", k -> "v2")));
  }

  @Test
  void corruptRedisValueIsDroppedReloadedAndCounted() {
    rawConnection.sync().set(prefix + ":photos:k:a", "garbage, not a cache value");
    assertThat(nodeA.get("a", k -> "reloaded")).isEqualTo("reloaded");
    assertThat(nodeA.stats().l2CorruptValues()).isEqualTo(1);
  }

  @Test
  void valueDecompressingBeyondTheBoundIsTreatedAsCorrupt() throws Exception {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
      // Valid JSON, so only the bound on decompressed bytes can refuse it.
      out.write(("\"" + "x".repeat(100_000) + "\"").getBytes(StandardCharsets.UTF_8));
    }
    byte[] body = zipped.toByteArray();
    // A well-formed header (magic, gzip flag, 16384 slots, two slots at version 0), then the bomb.
    ByteBuffer value = ByteBuffer.allocate(7 + 2 * 12 + body.length);
    value.put((byte) 0x68).put((byte) 1).putInt(16_384).put((byte) 2);
    value.putInt(16_384).putLong(0).putInt(0).putLong(0).put(body);
    try (TieredCache<String, String> small =
            TieredCache.<String, String>builder("bomb").maximumSize(10).maxValueBytes(1_000)
                .redisTier(tierA, Codec.json(String.class)).build();
        var bytes = raw.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
      bytes.sync().set((prefix + ":bomb:k:a").getBytes(StandardCharsets.UTF_8), value.array());
      assertThat(small.get("a", k -> "reloaded")).isEqualTo("reloaded");
      assertThat(small.stats().l2CorruptValues()).isEqualTo(1);
    }
  }

  @Test
  void oversizeValueStaysOutOfRedisAndIsCounted() {
    try (TieredCache<String, String> small =
        TieredCache.<String, String>builder("small")
            .maximumSize(10)
            .maxValueBytes(100)
            .redisTier(tierA, Codec.json(String.class))
            .build()) {
      assertThat(small.get("big", k -> "x".repeat(500))).hasSize(500);
      assertThat(small.get("big", k -> "other")).hasSize(500);
      assertThat(small.stats().l2OversizeSkips()).isEqualTo(1);
      assertThat(rawConnection.sync().exists(prefix + ":small:k:big")).isZero();
    }
  }

  @Test
  void largeValuesAreCompressedAndReadBackOnAnotherNode() {
    try (TieredCache<String, String> writer = zipped(tierA);
        TieredCache<String, String> reader = zipped(tierB)) {
      String value = "photo ".repeat(2_000);
      writer.put("a", value, List.of());
      await().until(() -> rawConnection.sync().exists(prefix + ":zipped:k:a") == 1);
      try (var bytes = raw.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
        byte[] stored = bytes.sync().get((prefix + ":zipped:k:a").getBytes(StandardCharsets.UTF_8));
        assertThat(stored.length).isLessThan(value.length() / 10);
      }
      assertThat(reader.get("a", k -> "loaded")).isEqualTo(value);
    }
  }

  private TieredCache<String, String> zipped(RedisTier tier) {
    return TieredCache.<String, String>builder("zipped").maximumSize(10).compressAbove(100).redisTier(tier, Codec.json(String.class)).build();
  }

  @Test
  void getAllReadsRedisInOneCallAndLoadsTheRest() {
    nodeA.put("a", "A", List.of());
    await().until(() -> rawConnection.sync().exists(prefix + ":photos:k:a") == 1);
    AtomicInteger bulkCalls = new AtomicInteger();
    Map<String, String> values =
        nodeB.getAll(List.of("a", "b"), keys -> {
          bulkCalls.incrementAndGet();
          assertThat(keys).containsExactly("b");
          return Map.of("b", "B");
        });
    assertThat(values).containsExactlyInAnyOrderEntriesOf(Map.of("a", "A", "b", "B"));
    assertThat(bulkCalls).hasValue(1);
  }

  @Test
  void namespaceCanBeUsedOncePerTier() {
    assertThatThrownBy(() -> cache(tierA)).isInstanceOf(IllegalStateException.class).hasMessageContaining("photos");
  }
}
