package dev.hotpath.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void singleSatisfiableRangesResolveAgainstTheLength() {
    assertThat(ByteRange.parse("bytes=0-9", 100)).isEqualTo(new ByteRange(0, 9));
    assertThat(ByteRange.parse("bytes=90-", 100)).isEqualTo(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-10", 100)).isEqualTo(new ByteRange(90, 99));
    assertThat(ByteRange.parse("bytes=-500", 100)).isEqualTo(new ByteRange(0, 99));
    assertThat(ByteRange.parse("bytes=95-200", 100)).isEqualTo(new ByteRange(95, 99));
    assertThat(ByteRange.parse("bytes=5-14", 100).contentRange(100)).isEqualTo("bytes 5-14/100");
    assertThat(ByteRange.parse("bytes=5-14", 100).length()).isEqualTo(10);
  }

  @Test
  void everythingElseIsIgnoredSoTheFullBodyIsSent() {
    assertThat(ByteRange.parse(null, 100)).isNull();
    assertThat(ByteRange.parse("bytes=0-1,5-6", 100)).isNull();
    assertThat(ByteRange.parse("items=0-1", 100)).isNull();
    assertThat(ByteRange.parse("bytes=100-", 100)).isNull();
    assertThat(ByteRange.parse("bytes=9-1", 100)).isNull();
    assertThat(ByteRange.parse("bytes=-0", 100)).isNull();
    assertThat(ByteRange.parse("bytes=x-1", 100)).isNull();
    assertThat(ByteRange.parse("bytes=99999999999999999999-", 100)).isNull();
    assertThat(ByteRange.parse("bytes=0-9", 0)).isNull();
  }
}
