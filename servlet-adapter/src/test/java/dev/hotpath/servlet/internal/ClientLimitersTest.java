package dev.hotpath.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.servlet.RateLimit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientLimitersTest {
  private static final RateLimit LABELS = RateLimit.of("labels", 5, Duration.ofHours(1));

  @Test
  void aMillionDistinctClientKeysKeepTheTableBounded() {
    ClientLimiters limiters = new ClientLimiters(1_000);
    for (int i = 0; i < 1_000_000; i++) {
      assertThat(limiters.acquire("GET /labels", LABELS, "addr:" + i).allowed()).isTrue();
      if (i % 100_000 == 0) {
        assertThat(limiters.tracked()).isLessThanOrEqualTo(1_000);
      }
    }
    assertThat(limiters.tracked()).isLessThanOrEqualTo(1_000);
  }

  @Test
  void aFloodOfOneShotKeysDoesNotResetTheLimitsOfRealClients() {
    ClientLimiters limiters = new ClientLimiters(1_000);
    List<String> realClients = List.of("key:alice", "key:bob", "key:carol");
    for (String client : realClients) {
      for (int i = 0; i < 5; i++) {
        assertThat(limiters.acquire("GET /labels", LABELS, client).allowed()).isTrue();
      }
    }
    for (int i = 0; i < 200_000; i++) {
      limiters.acquire("GET /labels", LABELS, "key:flood-" + i);
      if (i % 100 == 0) { // the real clients keep coming back (3% of requests), each time refused
        for (String client : realClients) {
          assertThat(limiters.acquire("GET /labels", LABELS, client).allowed()).as(client + " after " + i).isFalse();
        }
      }
    }
    assertThat(limiters.tracked()).isLessThanOrEqualTo(1_000);
  }
}
