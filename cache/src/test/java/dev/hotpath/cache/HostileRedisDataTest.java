package dev.hotpath.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.codec.ByteArrayCodec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged or hostile data in the real Redis (written there by hand, as a bug, an operator or an
 * attacker with access might): no read fails, the bad data is replaced or removed and counted,
 * and invalidations keep working on both nodes.
 */
class HostileRedisDataTest extends TwoRedisNodesTestBase {
  /** Overwrites every slot version Redis holds for the "photos" cache. */
  private void damageVersions(String damaged) {
    String hash = prefix + ":photos:v";
    List<String> fields = rawConnection.sync().hkeys(hash);
    assertThat(fields).isNotEmpty();
    fields.forEach(field -> rawConnection.sync().hset(hash, field, damaged));
  }

  @ParameterizedTest
  @ValueSource(strings = {"garbage", "-5", "12.5", "1e300", "99999999999999999999999", "9000000000000000000"})
  void damagedSlotVersionsDoNotStopInvalidationsOnEitherNode(String damaged) {
    nodeA.get("a", List.of("t"), k -> "a1");
    nodeA.invalidateTag("t");
    nodeA.invalidate("a");
    damageVersions(damaged);
    nodeB.get("a", List.of("t"), k -> "a1");
    nodeB.get("b", k -> "b1");
    // A node that starts now reads the damaged versions and must still work.
    try (RedisTier tierC = tier();
        TieredCache<String, String> nodeC = cache(tierC, "photos", Codec.json(String.class))) {
      assertThat(nodeC.get("a", List.of("t"), k -> "a1")).isEqualTo("a1");
      for (int round = 2; round <= 3; round++) {
        String next = "a" + round;
        assertThatCode(() -> nodeA.invalidateTag("t")).doesNotThrowAnyException();
        assertThat(nodeA.get("a", List.of("t"), k -> next)).isEqualTo(next);
        await().atMost(Duration.ofSeconds(5)).until(() -> next.equals(nodeB.get("a", List.of("t"), k -> next)));
        await().atMost(Duration.ofSeconds(5)).until(() -> next.equals(nodeC.get("a", List.of("t"), k -> next)));
      }
      // The node that read the damaged versions counted them and had them replaced.
      assertThat(nodeC.stats().l2CorruptValues()).isPositive();
    }
    // The invalidations went through Redis: node B kept what they did not cover.
    assertThat(nodeB.get("b", k -> "b2")).isEqualTo("b1");
    await().atMost(Duration.ofSeconds(5)).until(() ->
        rawConnection.sync().hgetall(prefix + ":photos:v").entrySet().stream()
            .filter(field -> field.getKey().matches("[0-9]+")) // the slots, not the epoch
            .allMatch(field -> field.getValue().matches("[0-9]{1,16}")));
  }

  @Test
  void damagedInvalidationMessagesAreCountedAndDoNotFreezeASlot() {
    nodeA.get("a", List.of("t"), k -> "a1");
    nodeB.invalidateTag("t");
    nodeA.get("a", List.of("t"), k -> "a2");
    String slot = rawConnection.sync().hkeys(prefix + ":photos:v").get(0);
    for (String version : List.of("abc", "99999999999999999999", "9000000000000000000", "-3")) {
      rawConnection.sync().publish(prefix + ":invalidations", "photos\n" + slot + "\n" + version);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> nodeA.stats().l2CorruptValues() == 4);
    for (int round = 3; round <= 4; round++) {
      String next = "a" + round;
      nodeB.invalidateTag("t");
      await().atMost(Duration.ofSeconds(5)).until(() -> next.equals(nodeA.get("a", List.of("t"), k -> next)));
    }
  }

  @Test
  void versionsKeyOfTheWrongTypeIsReplacedByTheNextInvalidation() {
    nodeB.get("a", k -> "a1");
    rawConnection.sync().set(prefix + ":photos:v", "not a hash");
    assertThatCode(() -> nodeA.invalidate("a")).doesNotThrowAnyException();
    await().atMost(Duration.ofSeconds(5)).until(() -> "a2".equals(nodeB.get("a", k -> "a2")));
    assertThat(rawConnection.sync().type(prefix + ":photos:v")).isEqualTo("hash");
  }

  @Test
  void codecThrowingAnErrorOnARedisValueIsCountedAndTheValueReplaced() {
    Codec<String> json = Codec.json(String.class);
    Codec<String> failsOnPoison =
        new Codec<>() {
          @Override
          public byte[] encode(String value) throws Exception {
            return json.encode(value);
          }

          @Override
          public String decode(byte[] bytes) throws Exception {
            if (new String(bytes, StandardCharsets.UTF_8).contains("poison")) {
              throw new StackOverflowError("decoding poison");
            }
            return json.decode(bytes);
          }
        };
    try (TieredCache<String, String> writer = cache(tierA, "poison", json);
        TieredCache<String, String> reader = cache(tierB, "poison", failsOnPoison)) {
      writer.put("a", "poison", List.of());
      await().until(() -> rawConnection.sync().exists(prefix + ":poison:k:a") == 1);
      assertThat(reader.get("a", k -> "reloaded")).isEqualTo("reloaded");
      assertThat(reader.getAsync("b", List.of(), k -> java.util.concurrent.CompletableFuture.completedFuture("x")).join())
          .isEqualTo("x");
      assertThat(reader.stats().l2CorruptValues()).isEqualTo(1);
      await().until(() -> {
        String stored = rawConnection.sync().get(prefix + ":poison:k:a");
        return stored != null && stored.contains("reloaded");
      });
    }
  }

  @Test
  void redisValueLongerThanTheReaderAcceptsIsDroppedAndReloaded() {
    // A valid value of this format (two slots at version 0) whose JSON payload is 1,000 bytes.
    byte[] json = ("\"" + "x".repeat(998) + "\"").getBytes(StandardCharsets.UTF_8);
    ByteBuffer value = ByteBuffer.allocate(7 + 2 * 12 + json.length);
    value.put((byte) 0x68).put((byte) 0).putInt(16_384).put((byte) 2);
    value.putInt(16_384).putLong(0).putInt(0).putLong(0).put(json);
    try (TieredCache<String, String> small =
            TieredCache.<String, String>builder("small").maximumSize(10).maxValueBytes(100)
                .redisTier(tierA, Codec.json(String.class)).build();
        var bytes = raw.connect(ByteArrayCodec.INSTANCE)) {
      bytes.sync().set((prefix + ":small:k:a").getBytes(StandardCharsets.UTF_8), value.array());
      assertThat(small.get("a", k -> "reloaded")).isEqualTo("reloaded");
      assertThat(small.stats().l2CorruptValues()).isEqualTo(1);
      await().until(() -> rawConnection.sync().exists(prefix + ":small:k:a") == 0
          || rawConnection.sync().get(prefix + ":small:k:a").contains("reloaded"));
    }
  }

  @Test
  void largeCompressibleJsonValueWrittenByOneNodeIsReadByTheOther() {
    // 21 million characters: over Jackson's default 20 million per string, tiny once gzipped.
    String large = "photo".repeat(4_200_000);
    try (TieredCache<String, String> writer = cache(tierA, "large", Codec.json(String.class));
        TieredCache<String, String> reader = cache(tierB, "large", Codec.json(String.class))) {
      writer.put("a", large, List.of());
      await().until(() -> rawConnection.sync().exists(prefix + ":large:k:a") == 1);
      assertThat(reader.get("a", k -> "loaded")).isEqualTo(large);
      assertThat(reader.stats().l2CorruptValues()).isZero();
    }
  }

  @Test
  void valueThatTheCodecCannotReadBackIsNotWrittenToRedis() {
    // 1,500 digits: Jackson writes it, but its default reader refuses numbers over 1,000 digits.
    BigInteger huge = BigInteger.TEN.pow(1_500);
    try (TieredCache<String, BigInteger> writer = cache(tierA, "numbers", Codec.json(BigInteger.class));
        TieredCache<String, BigInteger> reader = cache(tierB, "numbers", Codec.json(BigInteger.class))) {
      assertThat(writer.get("a", k -> huge)).isEqualTo(huge);
      assertThat(writer.get("small", k -> BigInteger.TWO)).isEqualTo(BigInteger.TWO);
      await().until(() -> rawConnection.sync().exists(prefix + ":numbers:k:small") == 1);
      assertThat(rawConnection.sync().exists(prefix + ":numbers:k:a")).isZero();
      assertThat(writer.stats().l2Errors()).isEqualTo(1);
      assertThat(reader.get("a", k -> BigInteger.ONE)).isEqualTo(BigInteger.ONE);
      assertThat(reader.stats().l2CorruptValues()).isZero();
    }
  }
}
