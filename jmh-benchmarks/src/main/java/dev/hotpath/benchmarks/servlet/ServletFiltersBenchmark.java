package dev.hotpath.benchmarks.servlet;

import static dev.hotpath.benchmarks.servlet.FilterHarness.require;

import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.servlet.EtagFilter;
import jakarta.servlet.Filter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * One GET of a 2 KB JSON body through: no filter (baseline), hotpath's EtagFilter alone,
 * Spring's ShallowEtagHeaderFilter alone, and hotpath's Timing + Compression + ETag chain (in
 * the order Hotpath.install uses). Requests and responses are spring-test mocks, the same in
 * every variant, so differences are the filters' cost. Run with {@code -prof gc} for bytes.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServletFiltersBenchmark extends StandardRun {
  private final FilterHarness harness = new FilterHarness(null);
  private Filter hotpathEtag;
  private Filter springEtag;
  private Filter[] fullChain;

  @Setup
  public void setUp() throws Exception {
    hotpathEtag = EtagFilter.create();
    springEtag = new ShallowEtagHeaderFilter();
    fullChain = FilterHarness.timingCompressionEtag();
    // Measure only what works: each variant must do its job once before timing starts.
    require(((InMemoryResponse) harness.run()).bodyLength() == harness.body().length, "the body did not arrive");
    require(harness.run(hotpathEtag).getHeader("ETag") != null, "hotpath EtagFilter set no ETag");
    require(harness.run(springEtag).getHeader("ETag") != null, "ShallowEtagHeaderFilter set no ETag");
      MockHttpServletResponse full = harness.run(fullChain);
    require("gzip".equals(full.getHeader("Content-Encoding")), "the chain did not compress");
    require(full.getHeader("ETag") != null && full.getHeader("Server-Timing") != null,
        "the chain set no ETag or Server-Timing");
  }

  @Benchmark
  public MockHttpServletResponse noFilters() throws Exception {
    return harness.run();
  }

  @Benchmark
  public MockHttpServletResponse hotpathEtag() throws Exception {
    return harness.run(hotpathEtag);
  }

  @Benchmark
  public MockHttpServletResponse springShallowEtag() throws Exception {
    return harness.run(springEtag);
  }

  @Benchmark
  public MockHttpServletResponse hotpathTimingCompressionEtag() throws Exception {
    return harness.run(fullChain);
  }
}
