package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class HotpathPropertiesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class));

  @Test
  void defaultsAreTheBlocksOwn() {
    runner.run(context -> {
      HotpathProperties properties = context.getBean(HotpathProperties.class);
      assertThat(properties.pool().slowQueryThreshold()).hasSeconds(1);
      assertThat(properties.pool().nPlusOne().threshold()).isEqualTo(10);
      assertThat(properties.servlet().urlPatterns()).containsExactly("/*");
      assertThat(properties.metrics().maxSeriesPerName()).isEqualTo(1000);
      assertThat(properties.cache().redis().operationTimeout()).hasMillis(100);
    });
  }

  @Test
  void badValueFailsStartupNamingThePropertyAndTheRule() {
    runner.withPropertyValues("hotpath.pool.slow-query-threshold=0s",
            "hotpath.cache.caches.photos.maximum-size=-1",
            "hotpath.budgets[GET /api/photos]=p95 < soon")
        .run(context -> {
          assertThat(context).hasFailed();
          String message = causes(context.getStartupFailure());
          assertThat(message)
              .contains("hotpath.pool.slow-query-threshold: slowQueryThreshold must be positive, was PT0S")
              .contains("hotpath.cache.caches.photos.maximum-size:")
              .contains("hotpath.budgets[GET /api/photos]: budget 'GET /api/photos p95 < soon' is invalid");
        });
  }

  @Test
  void badGuardSettingNamesTheGuard() {
    runner.withPropertyValues("hotpath.guards.vision-api.retry.max-attempts=0")
        .run(context -> assertThat(causes(context.getStartupFailure()))
            .contains("hotpath.guards.vision-api.retry: retry maxAttempts"));
  }

  @Test
  void aNamedPoolNeedsAUrlAndAValidName() {
    runner.withPropertyValues("hotpath.pool.pools.read.username=app",
            "hotpath.pool.pools[bad name].url=jdbc:h2:mem:x")
        .run(context -> assertThat(causes(context.getStartupFailure()))
            .contains("hotpath.pool.pools.read.url: a JDBC URL is required")
            .contains("hotpath.pool.pools.bad name: name must be 1 to 64 letters"));
  }

  @Test
  void badEdgeAndMonitoringValuesFailStartupNamingThePropertyAndTheRule() {
    runner.withPropertyValues(
            "hotpath.servlet.response-cache.max-entries=0",
            "hotpath.servlet.response-cache.rules[GET /albums/{id}].ttl=0s",
            "hotpath.servlet.response-cache.rules[GET /photos].ttl=1m",
            "hotpath.servlet.response-cache.rules[GET /photos].tags=photo:{id}",
            "hotpath.servlet.response-cache.rules[POST /upload].ttl=1m",
            "hotpath.servlet.rate-limit.rules[GET /labels].period=500ms",
            "hotpath.servlet.rate-limit.client-key.trusted-proxies=10.0.0.0/8,proxy.internal",
            "hotpath.servlet.rate-limit.max-tracked-clients=0",
            "hotpath.monitoring.access=token")
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(causes(context.getStartupFailure()))
              .contains("hotpath.servlet.response-cache.max-entries: maxEntries must be at least 1, was 0")
              .contains("hotpath.servlet.response-cache.rules[GET /albums/{id}].ttl: "
                  + "ttl must be positive, was PT0S")
              .contains("hotpath.servlet.response-cache.rules[GET /photos]: ")
              .contains("that its path template /photos does not define")
              .contains("hotpath.servlet.response-cache.rules[POST /upload]: ")
              .contains("hotpath.servlet.rate-limit.rules[GET /labels]: ")
              .contains("hotpath.servlet.rate-limit.client-key.trusted-proxies: ")
              .contains("hotpath.servlet.rate-limit.max-tracked-clients: ")
              .contains("hotpath.monitoring.token: access=token needs a token");
        });
  }

  @Test
  void aShortMonitoringTokenIsRejectedWithoutShowingIt() {
    runner.withPropertyValues("hotpath.monitoring.access=token", "hotpath.monitoring.token=abc123xyz")
        .run(context -> assertThat(causes(context.getStartupFailure()))
            .contains("hotpath.monitoring.token: ").doesNotContain("abc123xyz"));
  }

  @Test
  void edgeDefaultsAreOffAndMonitoringIsLeftToActuator() {
    runner.run(context -> {
      HotpathProperties properties = context.getBean(HotpathProperties.class);
      assertThat(properties.servlet().responseCache().enabled()).isFalse();
      assertThat(properties.servlet().responseCache().maxEntries()).isEqualTo(10_000);
      assertThat(properties.servlet().rateLimit().enabled()).isFalse();
      assertThat(properties.servlet().rateLimit().maxTrackedClients()).isEqualTo(10_000);
      assertThat(properties.monitoring().access()).isNull();
    });
  }

  @Test
  void metadataDescribesEveryGroupWithDefaults() throws Exception {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("metadata generated by spring-boot-configuration-processor").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(json).contains("\"hotpath.pool.slow-query-threshold\"", "\"hotpath.servlet.timing.server-timing\"",
        "\"hotpath.cache.redis.operation-timeout\"", "\"hotpath.budgets\"", "\"hotpath.guards\"",
        "\"hotpath.servlet.response-cache.max-entries\"", "\"hotpath.servlet.rate-limit.rules\"",
        "\"hotpath.servlet.rate-limit.client-key.header\"", "\"hotpath.monitoring.access\"");
    assertThat(json).contains("\"defaultValue\": \"1s\"");
  }

  static String causes(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }
}
