package dev.hotpath.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The usage example of core/README.md, kept compiling and true. */
class ReadmeExampleTest {
  static final UnitOfWork.Key<AtomicInteger> QUERIES = UnitOfWork.Key.of("queries");

  record Photo(long id) {}

  private final AtomicReference<String> audited = new AtomicReference<>();

  @Test
  void readmeExampleRuns() throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    // ---- as in the README ----
    SingleFlight<Long, Photo> photoLoads = new SingleFlight<>();
    HealthRegistry health = HealthRegistry.builder().timeout(Duration.ofSeconds(2)).build();
    health.register("database", () -> Health.up().withDetail("pool", 10));
    health.register("thumbnails", () -> Health.degraded("queue backed up"), false);

    try (UnitOfWork request = UnitOfWork.begin("GET /photos/42")) {
      Photo photo = photoLoads.call(42L, () -> load(42L)); // one load per id at a time
      request.attachment(QUERIES, AtomicInteger::new).incrementAndGet();
      executor.execute(UnitOfWork.wrap(() -> audit(UnitOfWork.current().orElseThrow().name())));
      // ---- end ----
      assertThat(photo).isEqualTo(new Photo(42L));
      assertThat(request.attachment(QUERIES)).hasValueSatisfying(q -> assertThat(q).hasValue(1));
    }
    HealthReport report = health.check(); // DEGRADED: a non-critical component is degraded

    executor.shutdown();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    health.close();
    assertThat(audited).hasValue("GET /photos/42");
    assertThat(report.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(report.components().get("database").health().details()).containsEntry("pool", 10);
  }

  private static Photo load(long id) {
    return new Photo(id);
  }

  private void audit(String unitName) {
    audited.set(unitName);
  }
}
