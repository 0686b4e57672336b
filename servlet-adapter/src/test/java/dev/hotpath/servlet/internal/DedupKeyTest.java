package dev.hotpath.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DedupKeyTest {
  @Test
  void equalTextMeansEqualKeysAndToStringShowsNoneOfIt() {
    String text = "3:GET4:http9:localhost80;7:/photos-20:Bearer s3cr3t-token.14:session=abc123.";
    DedupKey key = new DedupKey(text);

    assertThat(key).isEqualTo(new DedupKey(text)).hasSameHashCodeAs(new DedupKey(text));
    assertThat(key).isNotEqualTo(new DedupKey(text + "."));
    assertThat(key.toString()).startsWith("dedup key #")
        .doesNotContain("s3cr3t", "session", "photos", "localhost");
  }
}
