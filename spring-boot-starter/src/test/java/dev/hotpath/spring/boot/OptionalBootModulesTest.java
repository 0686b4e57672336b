package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.RedisTier;
import dev.hotpath.core.HealthRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cache.CacheManager;

/** The Boot modules the starter integrates with are optional: without them it still starts. */
class OptionalBootModulesTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class,
          HotpathPoolAutoConfiguration.class, HotpathServletAutoConfiguration.class,
          HotpathCacheAutoConfiguration.class, HotpathResilienceAutoConfiguration.class,
          HotpathActuatorAutoConfiguration.class))
      .withPropertyValues("hotpath.cache.caches.albums.maximum-size=10",
          "hotpath.guards.vision-api.timeout=1s");

  @Test
  void startsWithoutActuatorHealthMicrometerOrRedis() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class, Endpoint.class,
            MeterBinder.class, DataRedisConnectionDetails.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(TieredCacheManager.class);
          assertThat(context).doesNotHaveBean(RedisTier.class);
          assertThat(context).doesNotHaveBean(HealthRegistry.class);
          assertThat(context).doesNotHaveBean(HotpathEndpoint.class);
          assertThat(context.getBean("vision-api")).isNotNull();
        });
  }

  @Test
  void withEverythingPresentThePartsAppear() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).hasSingleBean(HealthRegistry.class);
      assertThat(context).hasSingleBean(CacheManager.class);
      assertThat(context).hasBean("hotpathHealthIndicator");
    });
  }

  @Test
  void theEndpointFollowsBootsExposureAndAccessSettings() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HotpathAutoConfiguration.class,
            HotpathActuatorAutoConfiguration.class));
    web.withPropertyValues("management.endpoints.web.exposure.include=hotpath")
        .run(context -> assertThat(context).hasSingleBean(HotpathEndpoint.class));
    web.withPropertyValues("management.endpoints.web.exposure.include=hotpath",
            // The runner converts strictly; a SpringApplication also takes Boot's lower-case "none".
            "management.endpoint.hotpath.access=NONE")
        .run(context -> assertThat(context).doesNotHaveBean(HotpathEndpoint.class));
    web.run(context -> assertThat(context).as("not exposed by default")
        .doesNotHaveBean(HotpathEndpoint.class));
  }
}
