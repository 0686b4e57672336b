package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.testing.FakeTicker;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HealthRegistryTest {
  private static final Duration CACHE_FOR = Duration.ofSeconds(10);

  private final FakeTicker ticker = new FakeTicker();
  private final CountDownLatch releaseHung = new CountDownLatch(1);
  // Generous, so that fast checks never time out on a loaded machine.
  private final HealthRegistry registry =
      HealthRegistry.builder()
          .timeout(Duration.ofSeconds(5))
          .cacheFor(CACHE_FOR)
          .ticker(ticker)
          .build();
  // For checks held on a latch: the time a test waits before the hung check is reported.
  private final HealthRegistry impatient =
      HealthRegistry.builder()
          .timeout(Duration.ofMillis(300))
          .cacheFor(CACHE_FOR)
          .ticker(ticker)
          .build();

  @AfterEach
  void close() {
    releaseHung.countDown();
    registry.close();
    impatient.close();
  }

  @Test
  void allUpIsUpWithEveryComponentInRegistrationOrder() {
    registry.register("db", Health::up).register("redis", () -> Health.up().withDetail("ping", 1));

    HealthReport report = registry.check();

    assertThat(report.status()).isEqualTo(HealthStatus.UP);
    assertThat(report.components()).containsOnlyKeys("db", "redis");
    assertThat(report.components().keySet()).containsExactly("db", "redis");
    assertThat(report.components().get("redis").health().details()).containsEntry("ping", 1);
    assertThat(report.components().get("db").critical()).isTrue();
  }

  @Test
  void anEmptyRegistryIsUp() {
    assertThat(registry.check()).isEqualTo(new HealthReport(HealthStatus.UP, java.util.Map.of()));
  }

  @Test
  void aCriticalDownMakesTheReportDown() {
    registry
        .register("db", () -> Health.down("refused"))
        .register("cdn", () -> Health.degraded("slow"), false);

    HealthReport report = registry.check();

    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(report.components().get("db").health().message()).isEqualTo("refused");
  }

  @Test
  void aNonCriticalDownMakesTheReportDegraded() {
    registry.register("db", Health::up).register("thumbnails", () -> Health.down("gone"), false);

    HealthReport report = registry.check();

    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.components().get("thumbnails").critical()).isFalse();
    assertThat(report.components().get("thumbnails").health().status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aDegradedCriticalComponentMakesTheReportDegraded() {
    registry.register("db", () -> Health.degraded("replica lag 4s"));

    assertThat(registry.check().status()).isEqualTo(HealthStatus.DEGRADED);
  }

  @Test
  void aHungCheckIsReportedDownWithoutBlockingTheCaller() throws Exception {
    CountDownLatch hungStarted = new CountDownLatch(1);
    AtomicBoolean hungReturned = new AtomicBoolean();
    impatient
        .register("hung", () -> {
          hungStarted.countDown();
          releaseHung.await();
          hungReturned.set(true);
          return Health.up();
        })
        .register("db", Health::up);

    HealthReport report = impatient.check();

    // check() answered while the hung check is still held on the latch it never gets past.
    hungStarted.await();
    assertThat(hungReturned).isFalse();
    ComponentHealth hung = report.components().get("hung");
    assertThat(hung.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThat(hung.health().message()).isEqualTo("timed out after PT0.3S");
    assertThat(hung.took()).isEqualTo(Duration.ofMillis(300));
    assertThat(report.components().get("db").health().status()).isEqualTo(HealthStatus.UP);
    assertThat(report.status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void aCheckStillHungFromAnEarlierRoundIsNotStartedAgain() {
    AtomicInteger starts = new AtomicInteger();
    impatient.register("hung", () -> {
      starts.incrementAndGet();
      releaseHung.await();
      return Health.up();
    });

    impatient.check();
    ticker.advance(CACHE_FOR);
    HealthReport second = impatient.check();

    assertThat(second.components().get("hung").health().message()).startsWith("timed out after");
    assertThat(starts).hasValue(1);
  }

  @Test
  void aHungCheckThatFinishesLaterIsReportedByALaterRound() {
    impatient.register("slow", () -> {
      releaseHung.await();
      return Health.up();
    });
    assertThat(impatient.check().status()).isEqualTo(HealthStatus.DOWN);

    releaseHung.countDown();

    await().until(() -> {
      ticker.advance(CACHE_FOR);
      return impatient.check().status() == HealthStatus.UP;
    });
  }

  @Test
  void aCheckThatThrowsIsDownWithTheExceptionsMessage() {
    registry.register("api", () -> {
      throw new java.io.IOException("connection refused: vision-api:443");
    });

    ComponentHealth api = registry.check().components().get("api");

    assertThat(api.health().status()).isEqualTo(HealthStatus.DOWN);
    assertThat(api.health().message()).isEqualTo("connection refused: vision-api:443");
    assertThat(api.health().details()).containsEntry("exception", "java.io.IOException");
  }

  @Test
  void aCheckThatThrowsWithoutAMessageIsDownNamingTheException() {
    registry.register("npe", () -> {
      throw new NullPointerException();
    });

    assertThat(registry.check().components().get("npe").health().message())
        .isEqualTo("java.lang.NullPointerException");
  }

  @Test
  void aCheckThatReturnsNullIsDown() {
    registry.register("null", () -> null);

    assertThat(registry.check().components().get("null").health())
        .isEqualTo(Health.down("health check returned null"));
  }

  @Test
  void checksRunConcurrently() {
    int checks = 3;
    CountDownLatch allRunning = new CountDownLatch(checks);
    for (int i = 0; i < checks; i++) {
      registry.register("c" + i, () -> {
        allRunning.countDown();
        // Each check answers UP only if all are running at the same time.
        return allRunning.await(4, TimeUnit.SECONDS) ? Health.up() : Health.down("ran alone");
      });
    }

    assertThat(registry.check().status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void resultsAreCachedForTheConfiguredInterval() {
    AtomicInteger runs = new AtomicInteger();
    registry.register("db", () -> Health.up().withDetail("run", runs.incrementAndGet()));

    HealthReport first = registry.check();
    ticker.advance(CACHE_FOR.minusNanos(1));
    assertThat(registry.check()).isSameAs(first);
    assertThat(runs).hasValue(1);

    ticker.advance(Duration.ofNanos(1));
    HealthReport second = registry.check();
    assertThat(second.components().get("db").health().details()).containsEntry("run", 2);
  }

  @Test
  void tookIsMeasuredWithTheTicker() {
    registry.register("db", () -> {
      ticker.advance(Duration.ofMillis(7));
      return Health.up();
    });

    assertThat(registry.check().components().get("db").took()).isEqualTo(Duration.ofMillis(7));
  }

  @Test
  void registeringOrUnregisteringDiscardsTheCachedReport() {
    registry.register("db", Health::up);
    registry.check();

    registry.register("redis", () -> Health.down("gone"));
    assertThat(registry.check().components()).containsOnlyKeys("db", "redis");

    assertThat(registry.unregister("redis")).isTrue();
    assertThat(registry.check().components()).containsOnlyKeys("db");
    assertThat(registry.unregister("redis")).isFalse();
    assertThat(registry.unregister(null)).isFalse();
  }

  @Test
  void duplicateNamesAreRejected() {
    registry.register("db", Health::up);

    assertThatThrownBy(() -> registry.register("db", Health::up, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health check name must be unique, \"db\" is already registered");
  }

  @Test
  void registrationArgumentsAreValidated() {
    assertThatThrownBy(() -> registry.register(null, Health::up))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("health check name must not be null");
    assertThatThrownBy(() -> registry.register("  ", Health::up))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("health check name must not be blank, was \"  \"");
    assertThatThrownBy(() -> registry.register("db", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("health check db must not be null");
  }

  @Test
  void builderRejectsBadValuesNamingValueAndRule() {
    HealthRegistry.Builder builder = HealthRegistry.builder();
    assertThatThrownBy(() -> builder.timeout(null)).hasMessage("timeout must not be null");
    assertThatThrownBy(() -> builder.timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-1)))
        .hasMessage("timeout must be positive, was PT-1S");
    assertThatThrownBy(() -> builder.cacheFor(null)).hasMessage("cacheFor must not be null");
    assertThatThrownBy(() -> builder.cacheFor(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cacheFor must be positive, was PT0S");
    assertThatThrownBy(() -> builder.cacheFor(Duration.ofMillis(-5)))
        .hasMessage("cacheFor must be positive, was PT-0.005S");
    assertThatThrownBy(() -> builder.ticker(null)).hasMessage("ticker must not be null");
  }

  @Test
  void checksRunOnDaemonThreads() {
    AtomicBoolean daemon = new AtomicBoolean();
    registry.register("db", () -> {
      daemon.set(Thread.currentThread().isDaemon());
      return Health.up();
    });

    registry.check();

    assertThat(daemon).isTrue();
  }

  @Test
  void closeInterruptsRunningChecksAndRefusesFurtherUse() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    HealthRegistry registry = impatient;
    registry.register("hung", () -> {
      try {
        releaseHung.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
      return Health.up();
    });
    registry.check();

    registry.close();
    registry.close();

    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(registry::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("health registry is closed");
    assertThatThrownBy(() -> registry.register("late", Health::up))
        .hasMessage("health registry is closed");
  }
}
