package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import jakarta.servlet.Filter;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ResponseCacheFilterTest {
  private static final ResponseCacheRule ALBUMS = ResponseCacheRule.ttl(Duration.ofMinutes(1))
      .pathTemplate("/albums/{id}").tags("album:{id}");

  private final AtomicInteger renders = new AtomicInteger();

  /** Renders "album {id} #{render}" plus what the test adds; counts renders. */
  private TestServer.Handler album(TestServer.Handler more) {
    return (req, resp) -> {
      int render = renders.incrementAndGet();
      resp.setContentType("text/plain;charset=UTF-8");
      more.handle(req, resp);
      resp.getWriter().write("album " + req.getPathInfo().substring(1) + " #" + render);
    };
  }

  private TestServer serve(TestServer.Handler handler, Filter... filters) throws Exception {
    return TestServer.start(context -> {
      for (Filter filter : filters) {
        TestServer.addFilter(context, filter);
      }
      TestServer.addServlet(context, TestServer.servlet(handler), "/albums/*");
    });
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), UTF_8);
  }

  @ContainerTest
  void aStoredPageIsServedWithoutTheApplicationUntilItsTagIsInvalidated() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    ResponseCacheFilter cache = ResponseCacheFilter.builder()
        .rule("GET /albums/*", ALBUMS).metrics(registry).build();
    try (TestServer server = serve(album((req, resp) -> { }),
        TimingFilter.builder().metrics(registry).build(), cache)) {
      HttpResponse<byte[]> miss = server.get("/albums/1");
      assertThat(text(miss)).isEqualTo("album 1 #1");
      assertThat(miss.headers().firstValue("Server-Timing").orElseThrow()).contains("response-cache;", "miss");
      HttpResponse<byte[]> hit = server.get("/albums/1");
      assertThat(text(hit)).isEqualTo("album 1 #1");
      assertThat(hit.headers().firstValue("Server-Timing").orElseThrow()).contains("response-cache;", "hit");
      assertThat(hit.headers().firstValue("Age")).isPresent();
      assertThat(hit.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
      assertThat(text(server.head("/albums/1"))).isEmpty();
      assertThat(text(server.get("/albums/2"))).isEqualTo("album 2 #2");

      cache.invalidateTag("album:2");
      assertThat(text(server.get("/albums/1"))).isEqualTo("album 1 #1");
      cache.invalidateTag("album:1");
      assertThat(text(server.get("/albums/1"))).isEqualTo("album 1 #3");
      assertThat(renders).hasValue(3);
      MetricId hits = MetricId.of("hotpath.http.response_cache", "route", "GET /albums/*").tag("result", "hit");
      assertThat(registry.find(hits).orElseThrow().snapshot().count()).isEqualTo(3);
      MetricId misses = MetricId.of("hotpath.http.response_cache", "route", "GET /albums/*").tag("result", "miss");
      assertThat(registry.find(misses).orElseThrow().snapshot().count()).isEqualTo(3);
    }
  }

  @ContainerTest
  void identitiesNeverShareAPrivatePageUnlessTheRouteIsShared() throws Exception {
    TestServer.Handler whoAmI = album((req, resp) ->
        resp.getWriter().write(req.getHeader("Authorization") + "/" + req.getHeader("Cookie") + " "));
    try (TestServer server = serve(whoAmI,
        ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS).build())) {
      assertThat(text(server.get("/albums/1", "Authorization", "Bearer alice"))).startsWith("Bearer alice/null");
      assertThat(text(server.get("/albums/1", "Authorization", "Bearer bob"))).startsWith("Bearer bob/null");
      assertThat(text(server.get("/albums/1", "Cookie", "session=a"))).startsWith("null/session=a");
      assertThat(text(server.get("/albums/1", "Cookie", "session=b"))).startsWith("null/session=b");
      assertThat(text(server.get("/albums/1", "Authorization", "Bearer alice"))).endsWith("#1");
      assertThat(renders).hasValue(4);
    }
    renders.set(0);
    try (TestServer server = serve(album((req, resp) -> { }),
        ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS.shared()).build())) {
      server.get("/albums/1", "Authorization", "Bearer alice");
      assertThat(text(server.get("/albums/1", "Authorization", "Bearer bob"))).isEqualTo("album 1 #1");
    }
  }

  @ContainerTest
  void responsesThatForbidStoringAreRenderedEachTime() throws Exception {
    AtomicReference<String[]> header = new AtomicReference<>();
    try (TestServer server = serve(album((req, resp) -> resp.setHeader(header.get()[0], header.get()[1])),
        ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS.shared()).maxBodyBytes(64).build())) {
      for (String[] forbidding : new String[][] {{"Cache-Control", "no-store"},
          {"Cache-Control", "private, max-age=60"}, {"Cache-Control", "max-age=0"},
          {"Set-Cookie", "session=new"}, {"Vary", "*"}}) {
        header.set(forbidding);
        int before = renders.get();
        server.get("/albums/1");
        server.get("/albums/1");
        assertThat(renders.get() - before).as(String.join(": ", forbidding)).isEqualTo(2);
      }
      header.set(new String[] {"X-Padding", "x"});
      int before = renders.get();
      server.get("/albums/" + "9".repeat(100)); // a body over maxBodyBytes streams, unstored
      server.get("/albums/" + "9".repeat(100));
      assertThat(renders.get() - before).isEqualTo(2);
    }
  }

  @ContainerTest
  void varyingHeadersMustMatchTheRequestThatStoredThePage() throws Exception {
    try (TestServer server = serve(album((req, resp) -> {
      resp.setHeader("Vary", "X-Theme");
      resp.getWriter().write(req.getHeader("X-Theme") + " ");
    }), ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS).build())) {
      assertThat(text(server.get("/albums/1", "X-Theme", "dark"))).startsWith("dark");
      assertThat(text(server.get("/albums/1", "X-Theme", "dark"))).endsWith("#1");
      assertThat(text(server.get("/albums/1", "X-Theme", "light"))).startsWith("light");
    }
  }

  @ContainerTest
  void conditionalRequestsAreAnsweredFromTheCacheInTheDocumentedOrder() throws Exception {
    ResponseCacheFilter cache = ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS).build();
    String body = "{\"photos\":[" + "{\"id\":7,\"title\":\"harbour\"},".repeat(60) + "{}]}";
    try (TestServer server = serve((req, resp) -> {
      renders.incrementAndGet();
      resp.setContentType("application/json");
      resp.getOutputStream().write(body.getBytes(UTF_8));
    }, TimingFilter.create(), cache, CompressionFilter.create(), EtagFilter.create())) {
      // A first request that already holds a validator still renders the full page once.
      HttpResponse<byte[]> first = server.get("/albums/1", "Accept-Encoding", "gzip", "If-None-Match", "\"old\"");
      assertThat(first.statusCode()).isEqualTo(200);
      String etag = first.headers().firstValue("ETag").orElseThrow();
      assertThat(etag).endsWith("-gzip\"");
      assertThat(new String(CompressionFilterTest.gunzip(first.body()), UTF_8)).isEqualTo(body);

      HttpResponse<byte[]> gzipHit = server.get("/albums/1", "Accept-Encoding", "gzip");
      assertThat(gzipHit.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(gzipHit.headers().firstValue("ETag")).hasValue(etag);
      assertThat(new String(CompressionFilterTest.gunzip(gzipHit.body()), UTF_8)).isEqualTo(body);

      HttpResponse<byte[]> notModified = server.get("/albums/1", "Accept-Encoding", "gzip", "If-None-Match", etag);
      assertThat(notModified.statusCode()).isEqualTo(304);
      assertThat(notModified.body()).isEmpty();
      assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
      assertThat(notModified.headers().firstValue("Vary").orElseThrow()).contains("Accept-Encoding");
      assertThat(renders).hasValue(1);

      // The identity variant is its own entry, and the gzip variant's tag does not validate it.
      HttpResponse<byte[]> identity = server.get("/albums/1", "If-None-Match", etag);
      assertThat(identity.statusCode()).isEqualTo(200);
      assertThat(new String(identity.body(), UTF_8)).isEqualTo(body);
      String identityTag = identity.headers().firstValue("ETag").orElseThrow();
      assertThat(server.get("/albums/1", "If-None-Match", identityTag).statusCode()).isEqualTo(304);
      assertThat(renders).hasValue(2);
    }
  }

  /**
   * The documented order (cache outside compression outside ETag), and the cache moved inside
   * either of them (as a Boot application ordering its own registration beans may do): each
   * serves the same gzip and identity bodies, tags that validate only their own variant, and 304s
   * from the cache.
   */
  @ContainerTest
  void everyOrderWithCompressionAndEtagServesRightBodiesAndValidators() throws Exception {
    String body = "{\"photos\":[" + "{\"id\":7,\"title\":\"harbour\"},".repeat(60) + "{}]}";
    for (String order : java.util.List.of("cache,gzip,etag", "gzip,cache,etag", "gzip,etag,cache")) {
      renders.set(0);
      java.util.List<Filter> filters = new java.util.ArrayList<>(java.util.List.of(TimingFilter.create()));
      for (String name : order.split(",")) {
        filters.add(switch (name) {
          case "cache" -> ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS).build();
          case "gzip" -> CompressionFilter.create();
          default -> EtagFilter.create();
        });
      }
      try (TestServer server = serve((req, resp) -> {
        renders.incrementAndGet();
        resp.setContentType("application/json");
        resp.getOutputStream().write(body.getBytes(UTF_8));
      }, filters.toArray(new Filter[0]))) {
        HttpResponse<byte[]> gzip = server.get("/albums/1", "Accept-Encoding", "gzip");
        HttpResponse<byte[]> gzipHit = server.get("/albums/1", "Accept-Encoding", "gzip");
        for (HttpResponse<byte[]> response : java.util.List.of(gzip, gzipHit)) {
          assertThat(response.headers().firstValue("Content-Encoding")).as(order).hasValue("gzip");
          assertThat(new String(CompressionFilterTest.gunzip(response.body()), UTF_8)).as(order).isEqualTo(body);
        }
        String gzipTag = gzip.headers().firstValue("ETag").orElseThrow();
        assertThat(gzipHit.headers().firstValue("ETag")).as(order).hasValue(gzipTag);
        assertThat(gzipHit.headers().firstValue("Server-Timing").orElseThrow()).as(order).contains("hit");

        HttpResponse<byte[]> notModified = server.get("/albums/1", "Accept-Encoding", "gzip", "If-None-Match", gzipTag);
        assertThat(notModified.statusCode()).as(order).isEqualTo(304);
        assertThat(notModified.body()).as(order).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).as(order).hasValue(gzipTag);

        HttpResponse<byte[]> identity = server.get("/albums/1", "If-None-Match", gzipTag);
        assertThat(identity.statusCode()).as(order + ": the gzip tag does not validate identity").isEqualTo(200);
        assertThat(identity.headers().firstValue("Content-Encoding")).as(order).isEmpty();
        assertThat(new String(identity.body(), UTF_8)).as(order).isEqualTo(body);
        String identityTag = identity.headers().firstValue("ETag").orElseThrow();
        assertThat(identityTag).as(order).isNotEqualTo(gzipTag);
        assertThat(server.get("/albums/1", "If-None-Match", identityTag).statusCode()).as(order).isEqualTo(304);
        assertThat(server.get("/albums/1", "Accept-Encoding", "gzip", "If-None-Match", identityTag).statusCode())
            .as(order + ": the identity tag does not validate gzip").isEqualTo(200);
        assertThat(renders.get()).as(order + " renders").isLessThanOrEqualTo(2);
      }
    }
  }

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private final AtomicLong millis = new AtomicLong(System.currentTimeMillis());

    void advance(Duration by) {
      millis.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
      return millis.get();
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  @ContainerTest
  void aStalePageIsServedWhileExactlyOneRefreshRuns() throws Exception {
    TestClock clock = new TestClock();
    CountDownLatch refreshing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ResponseCacheFilter cache = ResponseCacheFilter.builder()
        .rule("GET /albums/*", ALBUMS.staleWhileRevalidate(Duration.ofMinutes(5))).clock(clock).build();
    try (TestServer server = serve(album((req, resp) -> {
      if (renders.get() == 2) {
        refreshing.countDown();
        assertThat(release.await(20, TimeUnit.SECONDS)).isTrue();
      }
    }), TimingFilter.create(), cache)) {
      assertThat(text(server.get("/albums/1"))).isEqualTo("album 1 #1");
      clock.advance(Duration.ofMinutes(2)); // past the ttl, inside the stale window

      CompletableFuture<HttpResponse<byte[]>> refresh = server.client().sendAsync(
          server.request("/albums/1").build(), HttpResponse.BodyHandlers.ofByteArray());
      assertThat(refreshing.await(20, TimeUnit.SECONDS)).isTrue();
      // Concurrent requests while the refresh is held: every one's outcome is recorded, and all
      // complete before the refresh is released, so none of them waited for it or re-rendered.
      java.util.List<CompletableFuture<HttpResponse<byte[]>>> others = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        others.add(server.client().sendAsync(server.request("/albums/1").build(),
            HttpResponse.BodyHandlers.ofByteArray()));
      }
      java.util.List<String> outcomes = new java.util.ArrayList<>();
      for (CompletableFuture<HttpResponse<byte[]>> other : others) {
        HttpResponse<byte[]> stale = other.get(20, TimeUnit.SECONDS);
        String timing = stale.headers().firstValue("Server-Timing").orElseThrow();
        outcomes.add(text(stale) + " " + timing.replaceAll(".*response-cache;[^,]*desc=\"?(\\w+).*", "$1"));
      }
      assertThat(outcomes).hasSize(8).containsOnly("album 1 #1 stale");
      assertThat(refresh).isNotDone();
      release.countDown();
      HttpResponse<byte[]> refreshed = refresh.get(20, TimeUnit.SECONDS);
      assertThat(text(refreshed)).isEqualTo("album 1 #2");
      assertThat(refreshed.headers().firstValue("Server-Timing").orElseThrow()).contains("refresh");
      assertThat(text(server.get("/albums/1"))).isEqualTo("album 1 #2");
      assertThat(renders).hasValue(2);

      clock.advance(Duration.ofMinutes(10)); // past the stale window too: a plain miss
      assertThat(text(server.get("/albums/1"))).isEqualTo("album 1 #3");
    }
  }

  @ContainerTest
  void maxAgeAndSharedMaxAgeShortenTheRuleTtl() throws Exception {
    for (boolean shared : new boolean[] {false, true}) {
      renders.set(0);
      TestClock clock = new TestClock();
      ResponseCacheRule rule = shared ? ALBUMS.shared() : ALBUMS;
      try (TestServer server = serve(album((req, resp) ->
          resp.setHeader("Cache-Control", "max-age=10" + (shared ? ", s-maxage=20" : ""))),
          ResponseCacheFilter.builder().rule("GET /albums/*", rule).clock(clock).build())) {
        assertThat(text(server.get("/albums/1"))).endsWith("#1");
        clock.advance(Duration.ofSeconds(9));
        assertThat(text(server.get("/albums/1"))).as("shared " + shared).endsWith("#1");
        clock.advance(Duration.ofSeconds(2)); // 11 s: past max-age, inside s-maxage
        assertThat(text(server.get("/albums/1"))).as("shared " + shared).endsWith(shared ? "#1" : "#2");
        clock.advance(Duration.ofSeconds(10)); // 21 s: past s-maxage (and the re-render's max-age)
        assertThat(text(server.get("/albums/1"))).as("shared " + shared).endsWith(shared ? "#2" : "#3");
      }
    }
  }

  @ContainerTest
  void ifModifiedSinceIsAnsweredFromTheStoredLastModified() throws Exception {
    String modified = "Tue, 01 Dec 2026 10:00:00 GMT";
    try (TestServer server = serve(album((req, resp) -> resp.setHeader("Last-Modified", modified)),
        ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS).build())) {
      assertThat(server.get("/albums/1", "If-Modified-Since", modified).statusCode())
          .as("a miss renders once and still answers the validator").isEqualTo(304);
      HttpResponse<byte[]> hit = server.get("/albums/1", "If-Modified-Since", "Wed, 02 Dec 2026 10:00:00 GMT");
      assertThat(hit.statusCode()).isEqualTo(304);
      assertThat(hit.body()).isEmpty();
      assertThat(hit.headers().firstValue("Last-Modified")).hasValue(modified);
      HttpResponse<byte[]> older = server.get("/albums/1", "If-Modified-Since", "Mon, 30 Nov 2026 10:00:00 GMT");
      assertThat(older.statusCode()).isEqualTo(200);
      assertThat(text(older)).isEqualTo("album 1 #1");
      assertThat(renders).hasValue(1);
    }
  }

  @ContainerTest
  void theStoreHoldsAtMostItsEntryCount() throws Exception {
    try (TestServer server = serve(album((req, resp) -> { }), ResponseCacheFilter.builder()
        .rule("GET /albums/*", ALBUMS).store(ResponseStore.inMemory(3)).build())) {
      for (int i = 0; i < 20; i++) {
        server.get("/albums/" + i);
      }
      int before = renders.get();
      for (int i = 0; i < 20; i++) {
        server.get("/albums/" + i);
      }
      assertThat(renders.get() - before).as("re-rendered of 20 pages with room for 3").isGreaterThanOrEqualTo(17);
    }
  }

  @Test
  void theInMemoryStoreNeverAnswersMoreThanItsBound() {
    ResponseStore store = ResponseStore.inMemory(5);
    long now = System.currentTimeMillis();
    CachedResponse page = new CachedResponse(200, "text/plain", java.util.List.of(), new byte[10],
        now, now + 60_000, now + 60_000, java.util.List.of(), "");
    for (int i = 0; i < 1_000; i++) {
      store.put("key" + i, page, java.util.Set.of());
      int held = 0;
      for (int k = 0; k <= i; k++) {
        held += store.get("key" + k) == null ? 0 : 1;
      }
      assertThat(held).as("after %d puts", i + 1).isLessThanOrEqualTo(5);
    }
  }

  @ContainerTest
  void aPathOutsideTheTemplateIsNotCachedSoNoInvalidationCanMissIt() throws Exception {
    try (TestServer server = serve(album((req, resp) -> { }),
        ResponseCacheFilter.builder().rule("GET /albums/*", ALBUMS).build())) {
      server.get("/albums/1/photos");
      assertThat(text(server.get("/albums/1/photos"))).endsWith("#2");
    }
  }

  @Test
  void badRulesAreRefusedWithTheValueAndTheRule() {
    assertThatThrownBy(() -> ResponseCacheRule.ttl(Duration.ZERO))
        .hasMessage("ttl must be positive, was PT0S");
    assertThatThrownBy(() -> ResponseCacheRule.ttl(null))
        .isInstanceOf(NullPointerException.class).hasMessage("ttl must not be null");
    assertThatThrownBy(() -> ResponseCacheFilter.builder().rule(null, ALBUMS))
        .isInstanceOf(NullPointerException.class).hasMessage("route must not be null");
    assertThatThrownBy(() -> ResponseCacheFilter.builder().store(null))
        .isInstanceOf(NullPointerException.class).hasMessage("store must not be null");
    assertThatThrownBy(() -> ResponseCacheFilter.builder().maxBodyBytes(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxBodyBytes must be at least 1, was 0");
    assertThatThrownBy(() -> ResponseStore.inMemory(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maxEntries must be at least 1, was 0");
    assertThatThrownBy(() -> ResponseCacheFilter.builder().rule("POST /albums", ALBUMS))
        .hasMessageStartingWith("a response cache rule needs a GET route");
    assertThatThrownBy(() -> ResponseCacheFilter.builder()
        .rule("GET /albums/*", ResponseCacheRule.ttl(Duration.ofSeconds(1)).tags("album:{id}")))
        .hasMessage("response cache tags [album:{id}] of route GET /albums/* name a {variable} that"
            + " its path template /albums/* does not define");
    assertThatThrownBy(() -> ResponseCacheRule.ttl(Duration.ofSeconds(1)).pathTemplate("albums/{id}"))
        .hasMessage("path template must start with '/', was albums/{id}");
  }
}
