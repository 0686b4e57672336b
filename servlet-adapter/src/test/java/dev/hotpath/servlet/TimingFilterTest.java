package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hotpath.core.ServerTiming;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.metrics.LatencyRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TimingFilterTest {
  @ContainerTest
  void recordsLatencyByServletMappingAndReportsAttachedEntries() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    AtomicReference<String> unitName = new AtomicReference<>();
    TimingFilter filter = TimingFilter.builder().metrics(registry).build();
    try (TestServer server = TestServer.start(context -> {
      TestServer.addFilter(context, filter);
      TestServer.addServlet(context, TestServer.servlet((req, resp) -> {
        unitName.set(UnitOfWork.current().orElseThrow().name());
        ServerTiming.current().orElseThrow().add("db", Duration.ofMillis(4), "3 \"fast\" queries");
        Runnable addCacheEntry = () ->
            ServerTiming.current().orElseThrow().add("cache", Duration.ofNanos(1500), null);
        Thread helper = new Thread(UnitOfWork.wrap(addCacheEntry));
        helper.start();
        helper.join();
        resp.getWriter().write("photo");
      }), "/photos/*");
    })) {
      HttpResponse<byte[]> first = server.get("/photos/1");
      server.get("/photos/2");

      assertThat(new String(first.body(), UTF_8)).isEqualTo("photo");
      assertThat(unitName.get()).isEqualTo("GET /photos/*");
      assertThat(first.headers().firstValue("Server-Timing").orElseThrow())
          .matches("total;dur=\\d+\\.\\d{3}, db;dur=4\\.000;desc=\"3 \\\\\"fast\\\\\" queries\", cache;dur=0\\.001");
      await().untilAsserted(() ->
          assertThat(RecordedRoutes.count(registry, "GET /photos/*")).isEqualTo(2));
      assertThat(filter.registry()).isSameAs(registry);
    }
  }

  @ContainerTest
  void unknownRoutesAreRecordedAsOther() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    try (TestServer server = TestServer.start((req, resp) -> resp.getWriter().write("x"),
        TimingFilter.builder().metrics(registry)
            .routes(req -> req.getRequestURI().equals("/blank") ? " " : null).build())) {
      server.get("/anything");
      assertThat(server.get("/blank").statusCode()).isEqualTo(200);
      await().untilAsserted(() ->
          assertThat(RecordedRoutes.counts(registry)).containsExactly(Map.entry("other", 2L)));
    }
  }

  @ContainerTest
  void manyDistinctUrisCannotGrowTheRegistryPastItsCap() throws Exception {
    LatencyRegistry registry = LatencyRegistry.builder().maxSeriesPerName(5).build();
    // A careless resolver that names routes by raw URI: the cap still bounds memory.
    try (TestServer server = TestServer.start((req, resp) -> resp.getWriter().write("x"),
        TimingFilter.builder().metrics(registry).routes(req -> req.getRequestURI()).build())) {
      for (int i = 0; i < 40; i++) {
        server.get("/item/" + i);
      }
      await().untilAsserted(() -> assertThat(registry.refusedNames()).isPositive());
      assertThat(registry.series()).hasSizeLessThanOrEqualTo(6);
    }
  }

  @ContainerTest
  void headerIsSetBeforeStreamedAndErrorResponsesCommit() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      if (req.getRequestURI().equals("/error")) {
        resp.sendError(503);
        return;
      }
      resp.getOutputStream().write("first".getBytes(UTF_8));
      resp.flushBuffer();
      resp.getOutputStream().write("second".getBytes(UTF_8));
    }, TimingFilter.create())) {
      HttpResponse<byte[]> streamed = server.get("/stream");
      HttpResponse<byte[]> error = server.get("/error");

      assertThat(new String(streamed.body(), UTF_8)).isEqualTo("firstsecond");
      assertThat(streamed.headers().firstValue("Server-Timing")).isPresent();
      assertThat(error.statusCode()).isEqualTo(503);
      assertThat(error.headers().firstValue("Server-Timing")).isPresent();
    }
  }

  @ContainerTest
  void headerCanBeTurnedOff() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> resp.getWriter().write("x"),
        TimingFilter.builder().serverTimingHeader(false).build())) {
      assertThat(server.get("/x").headers().firstValue("Server-Timing")).isEmpty();
    }
  }

  @ContainerTest
  void accumulatedEntriesShowOnceWithTheirCountAndHostileTextStaysInsideTheHeader()
      throws Exception {
    ServerTiming.Metric db = ServerTiming.Metric.counted("db", "query", "queries");
    try (TestServer server = TestServer.start((req, resp) -> {
      // What hotpath-pool does per statement, here without a database: three statements, one
      // of them on a thread the request was carried to.
      ServerTiming.accumulateCurrent(db, 2_000_000);
      ServerTiming.accumulateCurrent(db, 3_000_000);
      Thread worker = new Thread(UnitOfWork.wrap(
          (Runnable) () -> ServerTiming.accumulateCurrent(db, 5_000_000)));
      worker.start();
      worker.join();
      ServerTiming.current().orElseThrow()
          .add("note", Duration.ZERO, "evil\r\nSet-Cookie: session=stolen\"");
      resp.getWriter().write("x");
    }, TimingFilter.create())) {
      HttpResponse<byte[]> response = server.get("/photos");

      assertThat(response.headers().allValues("Server-Timing")).singleElement().asString()
          .matches("total;dur=\\d+\\.\\d{3}, db;dur=10\\.000;desc=\"3 queries\", "
              + "note;dur=0\\.000;desc=\"evilSet-Cookie: session=stolen\\\\\"\"");
      assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }
  }

  @ContainerTest
  void withTheHeaderOffNothingIsAttachedSoAccumulatingIsANoOp() throws Exception {
    AtomicReference<Boolean> accumulated = new AtomicReference<>();
    try (TestServer server = TestServer.start((req, resp) -> {
      accumulated.set(ServerTiming.accumulateCurrent(ServerTiming.Metric.timed("db"), 1));
      resp.getWriter().write("x");
    }, TimingFilter.builder().serverTimingHeader(false).build())) {
      server.get("/x");
      assertThat(accumulated.get()).isFalse();
    }
  }

  @Test
  void badInputIsRefusedWithTheRule() {
    assertThatThrownBy(() -> TimingFilter.builder().routes(null))
        .hasMessage("route resolver must not be null");
    assertThatThrownBy(() -> TimingFilter.builder().metrics(null))
        .hasMessage("metrics registry must not be null");
  }
}
