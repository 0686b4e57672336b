package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.Ticker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A module whose test classpath lacks Testcontainers still resolves services, as "no Docker". */
class WithoutTestcontainersTest {

  @Test
  void missingTestcontainersJarCountsAsNoDockerEvenWhenDockerIsConfigured() throws Exception {
    try (HidingClassLoader withoutTestcontainers =
        new HidingClassLoader("org.testcontainers.", TestServices.class, Ticker.class)) {
      String outcome =
          (String) withoutTestcontainers.invoke(getClass(), "resolveRedisWithDockerHostSet");

      assertThat(outcome).contains("Testcontainers is not on the classpath", "NoClassDefFoundError");
    }
  }

  /** Runs inside the {@link HidingClassLoader}, with the real starter and a plausible engine. */
  private static String resolveRedisWithDockerHostSet() {
    Path nowhere = Path.of("/nonexistent-hotpath-test-path");
    ContainerStarter starter =
        new TestcontainersStarter(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), nowhere, nowhere);
    ServiceProbe refused = (host, port, timeout) -> ProbeResult.notAnswering("refused");
    return new ServiceResolver(Map.of(), new Properties(), starter, refused, refused, Duration.ofMillis(1))
        .redis()
        .description();
  }
}
