package dev.hotpath.benchmarks.servlet;

import static dev.hotpath.benchmarks.servlet.FilterHarness.require;

import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.ClientKey;
import dev.hotpath.servlet.CompressionFilter;
import dev.hotpath.servlet.EtagFilter;
import dev.hotpath.servlet.RateLimit;
import dev.hotpath.servlet.RateLimitFilter;
import dev.hotpath.servlet.ResponseCacheFilter;
import dev.hotpath.servlet.ResponseCacheRule;
import dev.hotpath.servlet.TimingFilter;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The edge filters of issue 19 on one GET of a 2 KB JSON body, in memory (spring-test mocks, the
 * same in every variant):
 *
 * <ul>
 *   <li>{@code noFilters}: the baseline, the endpoint writing its body;
 *   <li>{@code timingCompressionEtag}: the same servlet behind Timing + Compression + ETag, what
 *       a response-cache hit saves;
 *   <li>{@code responseCacheHit}: Timing + ResponseCache + Compression + ETag, every request a
 *       hit from the in-memory store (key digest, lookup, replay of the gzip bytes);
 *   <li>{@code rateLimitAllowed}: RateLimitFilter alone (one client under a limit it never
 *       reaches) against {@code noFilters}: the limiter's added time per request.
 * </ul>
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EdgeFiltersBenchmark extends StandardRun {
  private static final String ROUTE = "GET /api/photos";

  private final FilterHarness harness = new FilterHarness("client-1");
  private Filter[] uncached;
  private Filter[] cached;
  private Filter rateLimit;

  @Setup
  public void setUp() throws Exception {
    uncached = FilterHarness.timingCompressionEtag();
    cached = new Filter[] {
      TimingFilter.builder().metrics(LatencyRegistry.create()).build(),
      ResponseCacheFilter.builder()
          .routes(request -> ROUTE) // mocks carry no servlet mapping
          .rule(ROUTE, ResponseCacheRule.ttl(Duration.ofHours(1)))
          .metrics(LatencyRegistry.create())
          .build(),
      CompressionFilter.create(),
      EtagFilter.create()
    };
    rateLimit = RateLimitFilter.builder()
        .routes(request -> ROUTE)
        .rule(ROUTE, RateLimit.of("api", Integer.MAX_VALUE, Duration.ofSeconds(1)))
        .clientKey(ClientKey.apiKeyHeader("X-Api-Key"))
        .build();
    // Measure only what works: each variant must do its job once before timing starts.
    require(harness.run(uncached).getHeader("ETag") != null, "the uncached chain set no ETag");
    require(harness.run(cached).getHeader("Server-Timing").contains("miss"), "the first request was no miss");
    MockHttpServletResponse hit = harness.run(cached);
    require(hit.getHeader("Server-Timing").contains("hit") && "gzip".equals(hit.getHeader("Content-Encoding")),
        "the second request was no gzip hit");
    require(harness.run(rateLimit).getHeader("RateLimit") != null, "the rate limiter set no RateLimit");
  }

  @Benchmark
  public MockHttpServletResponse noFilters() throws Exception {
    return harness.run();
  }

  @Benchmark
  public MockHttpServletResponse timingCompressionEtag() throws Exception {
    return harness.run(uncached);
  }

  @Benchmark
  public MockHttpServletResponse responseCacheHit() throws Exception {
    return harness.run(cached);
  }

  @Benchmark
  public MockHttpServletResponse rateLimitAllowed() throws Exception {
    return harness.run(rateLimit);
  }
}
