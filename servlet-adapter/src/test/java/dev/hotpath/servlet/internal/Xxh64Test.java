package dev.hotpath.servlet.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Xxh64Test {
  private static long hash(String s) {
    byte[] bytes = s.getBytes(US_ASCII);
    return Xxh64.hash(bytes, 0, bytes.length);
  }

  @Test
  void matchesTheReferenceVectors() {
    assertThat(hash("")).isEqualTo(0xEF46DB3751D8E999L);
    assertThat(hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
    assertThat(hash("Nobody inspects the spammish repetition")).isEqualTo(0xFBCEA83C8A378BF1L);
  }

  @Test
  void hashesOnlyTheGivenRange() {
    byte[] padded = "xxabcxx".getBytes(US_ASCII);
    assertThat(Xxh64.hash(padded, 2, 3)).isEqualTo(hash("abc"));
  }
}
