package dev.hotpath.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RateLimitFilterTest {
  private final AtomicInteger served = new AtomicInteger();

  private TestServer serve(RateLimitFilter filter) throws Exception {
    return serve(filter, served);
  }

  /** A container with the filter, {@code /api/*} counting into {@code served}, {@code /free/*}. */
  static TestServer serve(RateLimitFilter filter, AtomicInteger served) throws Exception {
    return TestServer.start(context -> {
      TestServer.addFilter(context, filter);
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
        served.incrementAndGet();
        resp.getWriter().write("labels");
      }), "/api/*");
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> resp.getWriter().write("free")), "/free/*");
    });
  }

  /** A "labels" limit on {@code GET /api/*} per API key. */
  static RateLimitFilter.Builder labelsPerApiKey(int limit) {
    return RateLimitFilter.builder()
        .rule("GET /api/*", RateLimit.of("labels", limit, Duration.ofSeconds(60)))
        .clientKey(ClientKey.apiKeyHeader("X-Api-Key"));
  }

  @ContainerTest
  void aBurstGets429WithRetryAfterCountedPerKey() throws Exception {
    RateLimitFilter filter = labelsPerApiKey(3).build();
    try (TestServer server = serve(filter)) {
      for (int remaining = 2; remaining >= 0; remaining--) {
        HttpResponse<byte[]> ok = server.get("/api/labels", "X-Api-Key", "alice");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("RateLimit-Policy")).hasValue("\"labels\";q=3;w=60");
        assertThat(ok.headers().firstValue("RateLimit").orElseThrow())
            .matches("\"labels\";r=" + remaining + ";t=([1-9]|[1-5][0-9]|60)");
      }
      HttpResponse<byte[]> refused = server.get("/api/labels", "X-Api-Key", "alice");
      assertThat(refused.statusCode()).isEqualTo(429);
      long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
      assertThat(retryAfter).isBetween(1L, 60L);
      assertThat(refused.headers().firstValue("RateLimit"))
          .hasValue("\"labels\";r=0;t=" + retryAfter);
      assertThat(served).hasValue(3);

      assertThat(server.get("/api/labels", "X-Api-Key", "bob").statusCode()).isEqualTo(200);
      HttpResponse<byte[]> free = server.get("/free/x", "X-Api-Key", "alice");
      assertThat(free.statusCode()).isEqualTo(200);
      assertThat(free.headers().firstValue("RateLimit")).isEmpty();
      assertThat(filter.rejected()).isEqualTo(1);
      assertThat(filter.trackedClients()).isEqualTo(2);
    }
  }

  @ContainerTest
  void aConcurrentBurstPassesExactlyTheLimitPerKeyAndTheRestGetARetryAfterWithinTheWindow() throws Exception {
    RateLimitFilter filter = labelsPerApiKey(5).build();
    try (TestServer server = serve(filter)) {
      long start = System.nanoTime();
      List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> burst = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        burst.add(server.client().sendAsync(server.request("/api/labels")
            .header("X-Api-Key", i % 2 == 0 ? "alice" : "bob").build(), HttpResponse.BodyHandlers.ofByteArray()));
      }
      java.util.Map<String, Integer> passed = new java.util.TreeMap<>();
      for (java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> request : burst) {
        HttpResponse<byte[]> response = request.get(20, java.util.concurrent.TimeUnit.SECONDS);
        String key = response.request().headers().firstValue("X-Api-Key").orElseThrow();
        if (response.statusCode() == 200) {
          passed.merge(key, 1, Integer::sum);
          continue;
        }
        assertThat(response.statusCode()).isEqualTo(429);
        long elapsed = (System.nanoTime() - start + 999_999_999L) / 1_000_000_000L;
        long retryAfter = Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("seconds to the end of the 60 s window that began with the burst")
            .isBetween(60 - elapsed, 60L);
        assertThat(response.headers().firstValue("RateLimit")).hasValue("\"labels\";r=0;t=" + retryAfter);
      }
      assertThat(passed).isEqualTo(java.util.Map.of("alice", 5, "bob", 5));
      assertThat(served).hasValue(10);
      assertThat(filter.rejected()).isEqualTo(30);
    }
  }

  @ContainerTest
  void theClientMayPassAgainOnceRetryAfterHasPassed() throws Exception {
    RateLimitFilter filter = RateLimitFilter.builder()
        .rule("GET /api/*", RateLimit.of("labels", 2, Duration.ofSeconds(1))).build();
    try (TestServer server = serve(filter)) {
      server.get("/api/labels");
      server.get("/api/labels");
      HttpResponse<byte[]> refused = server.get("/api/labels");
      if (refused.statusCode() == 429) { // the window may have turned between the requests
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      }
      await().atMost(Duration.ofSeconds(3)).until(() -> server.get("/api/labels").statusCode() == 200);
    }
  }

  @ContainerTest
  void forwardedForCountsOnlyFromTrustedProxies() throws Exception {
    RateLimit one = RateLimit.of("one", 1, Duration.ofSeconds(60));
    try (TestServer server = serve(RateLimitFilter.builder().rule("GET /api/*", one)
        .clientKey(ClientKey.remoteAddress(List.of("127.0.0.0/8"))).build())) {
      // The test client connects from loopback, a trusted proxy: each forwarded client counts alone.
      assertThat(server.get("/api/a", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
      assertThat(server.get("/api/a", "X-Forwarded-For", "203.0.113.8").statusCode()).isEqualTo(200);
      // What a client writes left of the trusted proxy's entry does not make it someone else.
      assertThat(server.get("/api/a", "X-Forwarded-For", "198.51.100.1, 203.0.113.7").statusCode())
          .isEqualTo(429);
      assertThat(server.get("/api/a", "X-Forwarded-For", "not-an-address").statusCode()).isEqualTo(200);
      assertThat(server.get("/api/a", "X-Forwarded-For", "also-not").statusCode())
          .as("garbage counts as the proxy itself").isEqualTo(429);
    }
    try (TestServer server = serve(RateLimitFilter.builder().rule("GET /api/*", one)
        .clientKey(ClientKey.remoteAddress(List.of("10.0.0.0/8"))).build())) {
      assertThat(server.get("/api/a", "X-Forwarded-For", "203.0.113.7").statusCode()).isEqualTo(200);
      assertThat(server.get("/api/a", "X-Forwarded-For", "203.0.113.8").statusCode())
          .as("an untrusted peer's X-Forwarded-For is ignored").isEqualTo(429);
    }
  }

  @ContainerTest
  void aFilterRegisteredTwiceCountsEachRequestOnce() throws Exception {
    RateLimitFilter filter = RateLimitFilter.builder()
        .rule("GET /api/*", RateLimit.of("labels", 2, Duration.ofSeconds(60))).build();
    try (TestServer server = TestServer.start(context -> {
      TestServer.addFilter(context, filter);
      TestServer.addFilter(context, filter);
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> resp.getWriter().write("x")), "/api/*");
    })) {
      assertThat(server.get("/api/a").statusCode()).isEqualTo(200);
      assertThat(server.get("/api/a").statusCode()).isEqualTo(200);
      assertThat(server.get("/api/a").statusCode()).isEqualTo(429);
    }
  }

  @Test
  void badOptionsAreRefusedWithTheValueAndTheRule() {
    assertThatThrownBy(() -> RateLimit.of("labels", 0, Duration.ofSeconds(1)))
        .hasMessage("rate limit labels must allow at least 1 request, was 0");
    assertThatThrownBy(() -> RateLimit.of("labels", 1, Duration.ofMillis(1500)))
        .hasMessage("rate limit labels period must be whole seconds, at least 1, was PT1.5S");
    assertThatThrownBy(() -> RateLimit.of("a\"b", 1, Duration.ofSeconds(1)))
        .hasMessageContaining("rate limit name must be");
    assertThatThrownBy(() -> ClientKey.remoteAddress(List.of("proxy.internal")))
        .hasMessage("trusted proxy must be an IP address or CIDR range, was proxy.internal");
    assertThatThrownBy(() -> ClientKey.remoteAddress(List.of("10.0.0.0/33")))
        .hasMessage("trusted proxy prefix must be 0 to 32 bits, was 10.0.0.0/33");
    RateLimitFilter.Builder builder = RateLimitFilter.builder()
        .rule("GET /a", RateLimit.of("a", 1, Duration.ofSeconds(1)));
    assertThatThrownBy(() -> builder.rule("GET /a", RateLimit.of("b", 1, Duration.ofSeconds(1))))
        .hasMessage("route GET /a already has a rate limit");
    assertThatThrownBy(() -> RateLimitFilter.builder().clientKey(null))
        .isInstanceOf(NullPointerException.class).hasMessage("key must not be null");
    assertThatThrownBy(() -> RateLimitFilter.builder().maxTrackedClients(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxTrackedClients must be at least 1, was 0");
    assertThatThrownBy(() -> ClientKey.apiKeyHeader("X Api"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("API key header must be a header name, was X Api");
  }
}
