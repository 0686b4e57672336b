package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.resilience.Guard;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class HotpathResilienceAutoConfigurationTest {

  @Test
  void guardsComeFromPropertiesAndAreInjectedByName() throws Exception {
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "hotpath.guards.vision-api.rate-limit.permits=2",
        "hotpath.guards.vision-api.rate-limit.period=1h",
        "hotpath.guards.flaky-api.retry.max-attempts=3",
        "hotpath.guards.flaky-api.retry.initial-backoff=0s",
        "hotpath.guards.flaky-api.retry.max-backoff=0s")) {
      Callers callers = context.getAutowireCapableBeanFactory().createBean(Callers.class);
      assertThat(callers.vision.name()).isEqualTo("vision-api");
      assertThat(callers.vision.call("a", () -> "labels")).isEqualTo("labels");
      assertThat(callers.vision.call("b", () -> "labels")).isEqualTo("labels");
      assertThatThrownBy(() -> callers.vision.call("c", () -> "labels"))
          .isInstanceOfSatisfying(CallRejectedException.class,
              rejected -> assertThat(rejected.reason()).isEqualTo(CallRejectedException.Reason.RATE_LIMITED));

      AtomicInteger attempts = new AtomicInteger();
      assertThat(callers.flaky.call("k", () -> {
        if (attempts.incrementAndGet() < 3) {
          throw new IOException("connection reset");
        }
        return "ok";
      })).isEqualTo("ok");
      assertThat(attempts).hasValue(3);
      assertThat(context.getBean(LatencyRegistry.class).series())
          .containsKey(MetricId.of("hotpath.guard.call", "guard", "vision-api"));
    }
  }

  @Test
  void backsOffForABeanOfTheSameName() {
    try (ConfigurableApplicationContext context = Apps.start(OwnGuardApp.class,
        "hotpath.guards.vision-api.rate-limit.permits=2")) {
      assertThat(context.getBean("vision-api")).isSameAs(OwnGuard.OWN);
    }
  }

  /** Injects guards by name, as application code does. */
  static class Callers {
    final Guard<String, String> vision;
    final Guard<String, String> flaky;

    Callers(@Qualifier("vision-api") Guard<String, String> vision,
        @Qualifier("flaky-api") Guard<String, String> flaky) {
      this.vision = vision;
      this.flaky = flaky;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnGuard {
    static final Guard<Object, Object> OWN = Guard.builder("vision-api").build();

    @Bean("vision-api")
    Guard<Object, Object> visionApi() {
      return OWN;
    }
  }

  @org.springframework.boot.SpringBootConfiguration
  @org.springframework.boot.autoconfigure.EnableAutoConfiguration
  @Import(OwnGuard.class)
  static class OwnGuardApp {}
}
