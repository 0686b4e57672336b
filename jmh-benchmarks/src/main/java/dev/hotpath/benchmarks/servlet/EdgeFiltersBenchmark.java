package dev.hotpath.benchmarks.servlet;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.mock.web.MockHttpServletRequest;
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
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EdgeFiltersBenchmark {
  private static final String ROUTE = "GET /api/photos";

  private byte[] body;
  private Filter[] uncached;
  private Filter[] cached;
  private Filter rateLimit;

  @Setup
  public void setUp() throws Exception {
    StringBuilder json = new StringBuilder("{\"photos\":[");
    int id = 0;
    while (json.length() < 2000) {
      json.append("{\"id\":").append(id++).append(",\"title\":\"photo ").append(id)
          .append("\",\"width\":1024,\"height\":768},");
    }
    json.setLength(json.length() - 1);
    json.append("]}");
    body = json.toString().getBytes(StandardCharsets.UTF_8);
    uncached = new Filter[] {
      TimingFilter.builder().metrics(LatencyRegistry.create()).build(),
      CompressionFilter.create(),
      EtagFilter.create()
    };
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
    require(run(uncached).getHeader("ETag") != null, "the uncached chain set no ETag");
    require(run(cached).getHeader("Server-Timing").contains("miss"), "the first request was no miss");
    MockHttpServletResponse hit = run(cached);
    require(hit.getHeader("Server-Timing").contains("hit") && "gzip".equals(hit.getHeader("Content-Encoding")),
        "the second request was no gzip hit");
    require(run(rateLimit).getHeader("RateLimit") != null, "the rate limiter set no RateLimit");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/photos");
    request.addHeader("Accept-Encoding", "gzip, deflate");
    request.addHeader("X-Api-Key", "client-1");
    return request;
  }

  private MockHttpServletResponse run(Filter... filters) throws Exception {
    InMemoryResponse response = new InMemoryResponse();
    new InMemoryChain(body, filters).doFilter(request(), response);
    return response;
  }

  @Benchmark
  public MockHttpServletResponse noFilters() throws Exception {
    return run();
  }

  @Benchmark
  public MockHttpServletResponse timingCompressionEtag() throws Exception {
    return run(uncached);
  }

  @Benchmark
  public MockHttpServletResponse responseCacheHit() throws Exception {
    return run(cached);
  }

  @Benchmark
  public MockHttpServletResponse rateLimitAllowed() throws Exception {
    return run(rateLimit);
  }
}
