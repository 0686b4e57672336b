package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.Ticker;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A module whose test classpath lacks Testcontainers still resolves services, as "no Docker". */
class WithoutTestcontainersTest {

  @Test
  void missingTestcontainersJarCountsAsNoDockerEvenWhenDockerIsConfigured() throws Exception {
    URL[] hotpathClasses = {
      TestServices.class.getProtectionDomain().getCodeSource().getLocation(),
      Ticker.class.getProtectionDomain().getCodeSource().getLocation()
    };
    try (URLClassLoader withoutTestcontainers = new WithoutTestcontainersLoader(hotpathClasses)) {
      Method resolve = withoutTestcontainers.loadClass(getClass().getName())
          .getDeclaredMethod("resolveRedisWithDockerHostSet");
      resolve.setAccessible(true);

      String outcome = (String) resolve.invoke(null);

      assertThat(outcome).contains("Testcontainers is not on the classpath", "NoClassDefFoundError");
    }
  }

  /** Runs inside {@link WithoutTestcontainersLoader}, with the real starter and a plausible engine. */
  private static String resolveRedisWithDockerHostSet() {
    Path nowhere = Path.of("/nonexistent-hotpath-test-path");
    ContainerStarter starter =
        new TestcontainersStarter(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), nowhere, nowhere);
    ServiceProbe refused = (host, port, timeout) -> ProbeResult.notAnswering("refused");
    return new ServiceResolver(Map.of(), new Properties(), starter, refused, refused, Duration.ofMillis(1))
        .redis()
        .description();
  }

  /** Loads hotpath's classes itself and pretends Testcontainers is not there. */
  private static final class WithoutTestcontainersLoader extends URLClassLoader {

    WithoutTestcontainersLoader(URL[] hotpathClasses) {
      super(hotpathClasses, WithoutTestcontainersTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("org.testcontainers.")) {
        throw new ClassNotFoundException(name + " is hidden by this test");
      }
      if (!name.startsWith("dev.hotpath.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
