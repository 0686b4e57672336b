package dev.hotpath.benchmarks.servlet;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.CompressionFilter;
import dev.hotpath.servlet.EtagFilter;
import dev.hotpath.servlet.TimingFilter;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the servlet benchmarks share, so that their rows measure the same request: a 2 KB JSON
 * body of photos, the GET that asks for it with gzip accepted, one run of that request through
 * filters in memory ({@link InMemoryChain}, {@link InMemoryResponse}), and the check that a
 * variant does its job before it is timed.
 */
final class FilterHarness {
  /** The path every request asks for. */
  static final String PATH = "/api/photos";

  private final byte[] body = photosJson();
  private final String apiKey;

  /**
   * @param apiKey the {@code X-Api-Key} every request carries, or null for none
   */
  FilterHarness(String apiKey) {
    this.apiKey = apiKey;
  }

  /** The endpoint's body, about 2 KB of JSON. */
  byte[] body() {
    return body;
  }

  /** One GET through {@code filters} and then the endpoint; no filters is the baseline. */
  MockHttpServletResponse run(Filter... filters) throws Exception {
    InMemoryResponse response = new InMemoryResponse();
    new InMemoryChain(body, filters).doFilter(request(), response);
    return response;
  }

  /**
   * hotpath's usual chain in the order {@code Hotpath.install} uses: Timing, Compression, ETag.
   *
   * @return a new chain with a registry of its own
   */
  static Filter[] timingCompressionEtag() {
    return new Filter[] {
      TimingFilter.builder().metrics(LatencyRegistry.create()).build(),
      CompressionFilter.create(),
      EtagFilter.create()
    };
  }

  /** Stops the set-up of a variant that does not work: only what works is measured. */
  static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException(message);
    }
  }

  private MockHttpServletRequest request() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", PATH);
    // As under a real container's async-capable servlet (Spring's DispatcherServlet), so the rows
    // include what the filters do for a request that could go async.
    request.setAsyncSupported(true);
    request.addHeader("Accept-Encoding", "gzip, deflate");
    if (apiKey != null) {
      request.addHeader("X-Api-Key", apiKey);
    }
    return request;
  }

  private static byte[] photosJson() {
    StringBuilder json = new StringBuilder("{\"photos\":[");
    int id = 0;
    while (json.length() < 2000) {
      json.append("{\"id\":").append(id++).append(",\"title\":\"photo ").append(id)
          .append("\",\"width\":1024,\"height\":768},");
    }
    json.setLength(json.length() - 1);
    json.append("]}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
