package dev.hotpath.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TagValuesTest {

  @Test
  void validValuesAreKeptAsTheyAre() {
    String value = "SELECT * FROM photo WHERE id = ?";
    assertThat(TagValues.bounded(value)).isSameAs(value);
  }

  @Test
  void longValuesBecomeAPrefixAndAStableHashOfTheWholeText() {
    String base = "SELECT " + "a_column, ".repeat(40) + "FROM t WHERE id = ?";
    String other = base.replace("id = ?", "ix = ?");
    String bounded = TagValues.bounded(base);
    assertThat(bounded).hasSize(TagValues.MAX_LENGTH).startsWith("SELECT a_column, ")
        .matches("(?s).*~[0-9a-f]{16}");
    assertThat(TagValues.problemWith(bounded)).isNull();
    assertThat(TagValues.bounded(base)).isEqualTo(bounded);
    assertThat(TagValues.bounded(other)).as("differs past the prefix").isNotEqualTo(bounded);
    // Stable across JVMs and releases: FNV-1a 64 of the UTF-8 bytes.
    assertThat(TagValues.bounded("a\tb")).isEqualTo("a?b~" + "%016x".formatted(fnv("a\tb")));
  }

  @Test
  void blankAndNullTextStillGiveValidValues() {
    assertThat(TagValues.problemWith(TagValues.bounded(""))).isNull();
    assertThat(TagValues.problemWith(TagValues.bounded("  "))).isNull();
    assertThat(TagValues.bounded(null)).isEqualTo("null");
  }

  @Test
  void instanceNamesFollowOneRule() {
    assertThat(TagValues.requireInstanceName("pool name", "read-1.eu_west")).isEqualTo("read-1.eu_west");
    assertThatThrownBy(() -> TagValues.requireInstanceName("pool name", "a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pool name must be 1 to 64 letters, digits, '.', '_' or '-', was 'a b'");
    assertThatThrownBy(() -> TagValues.requireInstanceName("cache name", ""))
        .hasMessageStartingWith("cache name must be 1 to 64");
    assertThatThrownBy(() -> TagValues.requireInstanceName("guard name", "x".repeat(65)))
        .hasMessageStartingWith("guard name must be 1 to 64");
    assertThatThrownBy(() -> TagValues.requireInstanceName("pool name", null))
        .isInstanceOf(NullPointerException.class).hasMessage("pool name must not be null");
  }

  private static long fnv(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
