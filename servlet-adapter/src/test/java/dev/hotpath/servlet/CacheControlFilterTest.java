package dev.hotpath.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CacheControlFilterTest {
  private static CacheControlFilter filter() {
    return CacheControlFilter.builder()
        .rule("/static/*", CachePolicy.maxAge(Duration.ofDays(365)).withImmutable())
        .rule("*.json", CachePolicy.maxAge(Duration.ofSeconds(60))
            .withSharedMaxAge(Duration.ofMinutes(5)).withStaleWhileRevalidate(Duration.ofSeconds(30)))
        .rule("/api/*", CachePolicy.noCache())
        .build();
  }

  private static TestServer serve() throws Exception {
    return TestServer.start((req, resp) -> {
      if (req.getRequestURI().equals("/api/own")) {
        resp.setHeader("Cache-Control", "private, max-age=5");
      }
      if (req.getRequestURI().endsWith("/missing.json")) {
        resp.setStatus(404);
      }
      resp.getWriter().write("x");
    }, filter());
  }

  @ContainerTest
  void firstMatchingRuleSetsTheHeader() throws Exception {
    try (TestServer server = serve()) {
      assertThat(server.get("/static/app.3f2a.js").headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      assertThat(server.get("/static/data.json").headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=31536000, immutable");
      assertThat(server.get("/photos.json").headers().firstValue("Cache-Control"))
          .hasValue("public, max-age=60, s-maxage=300, stale-while-revalidate=30");
      assertThat(server.get("/api/photos").headers().firstValue("Cache-Control"))
          .hasValue("public, no-cache");
      assertThat(server.get("/staticky").headers().firstValue("Cache-Control")).isEmpty();
    }
  }

  @ContainerTest
  void applicationHeaderWinsAndErrorsAreNotCached() throws Exception {
    try (TestServer server = serve()) {
      assertThat(server.get("/api/own").headers().firstValue("Cache-Control"))
          .hasValue("private, max-age=5");
      assertThat(server.get("/missing.json").headers().firstValue("Cache-Control"))
          .hasValue("no-store");
    }
  }

  @ContainerTest
  void authenticatedResponsesAreNoStoreByDefault() throws Exception {
    try (TestServer server = serve()) {
      assertThat(server.get("/photos.json", "Authorization", "Bearer t").headers().firstValue("Cache-Control"))
          .hasValue("no-store");
    }
    try (TestServer server = TestServer.start((req, resp) -> resp.getWriter().write("x"),
        CacheControlFilter.builder().noStoreWhenAuthenticated(false)
            .rule("/*", CachePolicy.maxAge(Duration.ofSeconds(10)).withPrivate()).build())) {
      assertThat(server.get("/me", "Authorization", "Bearer t").headers().firstValue("Cache-Control"))
          .hasValue("private, max-age=10");
    }
  }

  @Test
  void badRulesAreRefusedWithTheRule() {
    assertThatThrownBy(() -> CacheControlFilter.builder().rule("static/*", CachePolicy.noStore()))
        .hasMessage("path pattern must be /exact, /prefix/* or *.ext, was static/*");
    assertThatThrownBy(() -> CacheControlFilter.builder().rule("/a/*/b", CachePolicy.noStore()))
        .hasMessage("path pattern must be /exact, /prefix/* or *.ext, was /a/*/b");
    assertThatThrownBy(() -> CachePolicy.maxAge(Duration.ofSeconds(-1)))
        .hasMessage("maxAge must not be negative, was PT-1S");
    assertThatThrownBy(() -> CachePolicy.noStore().withSharedMaxAge(Duration.ZERO))
        .hasMessage("s-maxage cannot be combined with no-store");
  }
}
