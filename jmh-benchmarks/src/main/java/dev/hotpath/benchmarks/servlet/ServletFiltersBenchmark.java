package dev.hotpath.benchmarks.servlet;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.CompressionFilter;
import dev.hotpath.servlet.EtagFilter;
import dev.hotpath.servlet.TimingFilter;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
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
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * One GET of a 2 KB JSON body through: no filter (baseline), hotpath's EtagFilter alone,
 * Spring's ShallowEtagHeaderFilter alone, and hotpath's Timing + Compression + ETag chain (in
 * the order Hotpath.install uses). Requests and responses are spring-test mocks, the same in
 * every variant, so differences are the filters' cost. Run with {@code -prof gc} for bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ServletFiltersBenchmark {
  private byte[] body;
  private Filter hotpathEtag;
  private Filter springEtag;
  private Filter[] fullChain;

  @Setup
  public void setUp() {
    StringBuilder json = new StringBuilder("{\"photos\":[");
    int id = 0;
    while (json.length() < 2000) {
      json.append("{\"id\":").append(id++).append(",\"title\":\"photo ").append(id)
          .append("\",\"width\":1024,\"height\":768},");
    }
    json.setLength(json.length() - 1);
    json.append("]}");
    body = json.toString().getBytes(StandardCharsets.UTF_8);
    hotpathEtag = EtagFilter.create();
    springEtag = new ShallowEtagHeaderFilter();
    fullChain = new Filter[] {
      TimingFilter.builder().metrics(LatencyRegistry.create()).build(),
      CompressionFilter.create(),
      EtagFilter.create()
    };
    try {
      // Measure only what works: each variant must do its job once before timing starts.
      require(((InMemoryResponse) run()).bodyLength() == body.length, "the body did not arrive");
      require(run(hotpathEtag).getHeader("ETag") != null, "hotpath EtagFilter set no ETag");
      require(run(springEtag).getHeader("ETag") != null, "ShallowEtagHeaderFilter set no ETag");
      MockHttpServletResponse full = run(fullChain);
      require("gzip".equals(full.getHeader("Content-Encoding")), "the chain did not compress");
      require(full.getHeader("ETag") != null && full.getHeader("Server-Timing") != null,
          "the chain set no ETag or Server-Timing");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private static MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/photos");
    request.addHeader("Accept-Encoding", "gzip, deflate");
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
  public MockHttpServletResponse hotpathEtag() throws Exception {
    return run(hotpathEtag);
  }

  @Benchmark
  public MockHttpServletResponse springShallowEtag() throws Exception {
    return run(springEtag);
  }

  @Benchmark
  public MockHttpServletResponse hotpathTimingCompressionEtag() throws Exception {
    return run(fullChain);
  }
}
