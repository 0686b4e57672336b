package dev.hotpath.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTest {
  private static final String TAG = "\"00000000000000ab\"";

  @Test
  void formatsSixteenHexDigitsInQuotes() {
    assertThat(EntityTags.strong(0xabL)).isEqualTo(TAG);
    assertThat(EntityTags.strong(-1L)).isEqualTo("\"ffffffffffffffff\"");
  }

  @Test
  void weakComparisonIgnoresTheWeakPrefixOnEitherSide() {
    assertThat(EntityTags.matchesAny("W/" + TAG, TAG)).isTrue();
    assertThat(EntityTags.matchesAny(TAG, "W/" + TAG)).isTrue();
    assertThat(EntityTags.matchesAny("w/" + TAG, TAG)).isFalse();
  }

  @Test
  void listsAndStar() {
    assertThat(EntityTags.matchesAny("\"a\",\"b\" , " + TAG, TAG)).isTrue();
    assertThat(EntityTags.matchesAny("\"a,b\", " + TAG, TAG)).isTrue();
    assertThat(EntityTags.matchesAny(" * ", TAG)).isTrue();
    assertThat(EntityTags.matchesAny("*x", TAG)).isFalse();
    assertThat(EntityTags.matchesAny("*, \"a\"", TAG)).isFalse();
    assertThat(EntityTags.matchesAny("\"a\", *", TAG)).isFalse();
  }

  @Test
  void malformedMembersAreSkippedNotMatched() {
    assertThat(EntityTags.matchesAny("00000000000000ab", TAG)).isFalse();
    assertThat(EntityTags.matchesAny("\"00000000000000ab", TAG)).isFalse();
    assertThat(EntityTags.matchesAny("garbage, " + TAG, TAG)).isTrue();
    assertThat(EntityTags.matchesAny("W/", TAG)).isFalse();
    assertThat(EntityTags.matchesAny("", TAG)).isFalse();
  }

  @Test
  void aMegabyteHeaderIsScannedToTheEnd() {
    String junk = "\"x\",".repeat(250_000);
    assertThat(EntityTags.matchesAny(junk, TAG)).isFalse();
    assertThat(EntityTags.matchesAny(junk + TAG, TAG)).isTrue();
  }
}
