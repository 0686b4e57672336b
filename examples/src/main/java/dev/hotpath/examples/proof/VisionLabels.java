package dev.hotpath.examples.proof;

import dev.hotpath.examples.gallery.Labels;
import dev.hotpath.examples.gallery.VisionApiThrottledException;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.resilience.BatchProcessor;
import dev.hotpath.resilience.Guard;
import dev.hotpath.resilience.ResultCache;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.ExecutionException;

/**
 * How a label request reaches the {@link SlowVisionApi}: {@link #direct} (the naive build: one
 * synchronous call per request, sleeping through each 429) or {@link #guarded} (a {@link Guard}
 * with a result cache (a pass-through one with caching off), de-duplication, bulkhead, rate limit, breaker and retry, whose
 * attempts go through a {@link BatchProcessor} that sends up to 16 images per API call).
 */
abstract class VisionLabels implements AutoCloseable {

  /** The API's quota that the guard keeps us under. */
  static final int CALLS_PER_SECOND = 40;

  abstract Labels labels(long photoId) throws Exception;

  @Override
  public void close() {}

  static VisionLabels direct(SlowVisionApi api) {
    return new VisionLabels() {
      @Override
      Labels labels(long photoId) throws Exception {
        for (int attempt = 1; ; attempt++) {
          try {
            return api.label(photoId);
          } catch (VisionApiThrottledException throttled) {
            if (attempt == 3) {
              throw throttled;
            }
            Thread.sleep(throttled.retryAfter().orElseThrow().toMillis());
          }
        }
      }
    };
  }

  static VisionLabels guarded(SlowVisionApi api, ResultCache<Long, Labels> cache,
      LatencyRegistry metrics) {
    BatchProcessor<Long, Labels> batches = BatchProcessor.<Long, Labels>builder("vision-batch",
            api::labelAll)
        .batchSize(16)
        .linger(Duration.ofMillis(5))
        .workers(4) // the API's concurrent calls
        .queueCapacity(10_000)
        .build();
    Guard<Long, Labels> guard = Guard.builder("vision-api")
        .cache(cache) // labels never change and every call is billed
        .deduplicate()
        .bulkhead(256, Duration.ofMillis(100))
        .rateLimit(CALLS_PER_SECOND * 16, Duration.ofSeconds(1), Duration.ofMillis(100))
        .circuitBreaker(CircuitBreakerConfig.ofDefaults())
        .retry(3, Duration.ofMillis(10), Duration.ofMillis(200)) // 429s carry Retry-After
        .timeout(Duration.ofSeconds(2))
        .deadline(Duration.ofSeconds(5))
        .metrics(metrics)
        .build();
    return new VisionLabels() {
      @Override
      Labels labels(long photoId) throws Exception {
        return guard.call(photoId, () -> {
          try {
            return batches.submit(photoId).result().get();
          } catch (ExecutionException failed) {
            // The batch's own failure (a 429) so the guard's retry sees Retry-After.
            throw failed.getCause() instanceof Exception e ? e : failed;
          }
        });
      }

      @Override
      public void close() {
        batches.close(Duration.ofSeconds(2));
      }
    };
  }
}
