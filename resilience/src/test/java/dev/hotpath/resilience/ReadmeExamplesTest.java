package dev.hotpath.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.HealthRegistry;
import dev.hotpath.core.HealthStatus;
import dev.hotpath.metrics.LatencyRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's examples, kept compiling and running against the real API. */
class ReadmeExamplesTest {
  record Labels(List<String> names) {
    static final Labels NONE = new Labels(List.of());
  }

  /** Stands in for a TieredCache: a get-or-load method with the same shape. */
  static final class LabelCache {
    private final Map<String, Labels> map = new ConcurrentHashMap<>();

    /** Shaped like {@code TieredCache.get}: the loader is the cache's own type, not a Function. */
    interface Loader {
      Labels load(String key) throws Exception;
    }

    Labels get(String key, Loader loader) {
      return map.computeIfAbsent(key, k -> {
        try {
          return loader.load(k);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  /** Stands in for the vision API client. */
  static final class VisionApi {
    Labels label(String image) {
      return new Labels(List.of("cat:" + image));
    }

    List<Labels> labelAll(List<String> images) {
      List<Labels> all = new ArrayList<>();
      for (String image : images) {
        all.add(label(image));
      }
      return all;
    }
  }

  @Test
  void guardExample() throws Exception {
    LabelCache labelCache = new LabelCache();
    LatencyRegistry latencyRegistry = LatencyRegistry.create();
    VisionApi client = new VisionApi();
    String imageId = "photo-42.jpg";
    try (HealthRegistry healthRegistry = HealthRegistry.builder().build()) {
      // --- README: Guarding a vision API
      Guard<String, Labels> vision = Guard.builder("vision-api")
          .<String, Labels>cache((image, load) -> labelCache.get(image, load::apply))
          .deduplicate()
          .bulkhead(20, Duration.ZERO)
          .rateLimit(10, Duration.ofSeconds(1), Duration.ofMillis(200))
          .circuitBreaker(CircuitBreakerConfig.ofDefaults())
          .retry(4, Duration.ofMillis(100), Duration.ofSeconds(2))
          .timeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(5))
          .fallback((String image, Throwable failure) -> Labels.NONE)
          .metrics(latencyRegistry).build();
      Labels labels = vision.call(imageId, () -> client.label(imageId));
      healthRegistry.register("vision-api", vision.healthCheck(), false);
      // ---

      assertThat(labels.names()).containsExactly("cat:photo-42.jpg");
      assertThat(healthRegistry.check().status()).isEqualTo(HealthStatus.UP);
    }
  }

  @Test
  void batchProcessorExample() throws Exception {
    VisionApi client = new VisionApi();
    Map<String, Labels> stored = new ConcurrentHashMap<>();
    // --- README: BatchProcessor
    BatchProcessor<String, Labels> labeller = BatchProcessor.builder("labeller",
            (List<String> images) -> client.labelAll(images))
        .queueCapacity(10_000).batchSize(50).linger(Duration.ofMillis(20)).workers(2)
        .backpressure(Backpressure.BLOCK, Duration.ofSeconds(1))
        .listener((job, status) -> { })
        .build();
    Job<String, Labels> job = labeller.submit("photo-42.jpg");
    job.result().thenAccept(labels -> stored.put(job.input(), labels));
    CloseReport<String, Labels> report = labeller.close(Duration.ofSeconds(30));
    // ---

    assertThat(job.result().get(20, TimeUnit.SECONDS).names()).containsExactly("cat:photo-42.jpg");
    assertThat(report.succeeded()).isEqualTo(1);
    assertThat(stored).containsKey("photo-42.jpg");
  }
}
