package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.UnitOfWork;
import dev.hotpath.metrics.LatencyRegistry;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/** Route names come from what the framework matched, and stay bounded whatever clients send. */
class RoutesTest {
  /** A plain Spring MVC controller, found by the DispatcherServlet's default handler mapping. */
  @RestController
  public static class PhotoController {
    /** The name of the unit of work the last photo request ran in, as pool's N+1 report reads it. */
    static final AtomicReference<String> UNIT = new AtomicReference<>();

    @GetMapping("/photos/{id}")
    public String photo(@PathVariable("id") String id) {
      UNIT.set(UnitOfWork.current().map(UnitOfWork::name).orElse(null));
      return "photo " + id;
    }

    @GetMapping("/albums/{album}/photos")
    public String album(@PathVariable("album") String album) {
      return "album " + album;
    }
  }

  private static DispatcherServlet dispatcher() {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(PhotoController.class);
    return new DispatcherServlet(spring);
  }

  @ContainerTest
  void springMvcRequestsAreNamedAfterTheMatchedPattern() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    try (TestServer server = RecordedRoutes.serveTimed(registry, dispatcher(), "/")) {
      assertThat(new String(server.get("/photos/7").body(), UTF_8)).isEqualTo("photo 7");
      server.get("/photos/8");
      server.get("/albums/harbour/photos");
      assertThat(server.get("/no/such/page").statusCode()).isEqualTo(404);

      // The handler runs after Spring matched: its unit of work is named after the pattern.
      assertThat(PhotoController.UNIT.get()).isEqualTo("GET /photos/{id}");
      RecordedRoutes.awaitCounts(registry, Map.of(
          "GET /photos/{id}", 2L,
          "GET /albums/{album}/photos", 1L,
          "GET / client_error", 1L));
    }
  }

  @ContainerTest
  void aDispatcherServletUnderAPathKeepsThatPathInTheName() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    try (TestServer server = RecordedRoutes.serveTimed(registry, dispatcher(), "/api/*")) {
      assertThat(new String(server.get("/api/photos/7").body(), UTF_8)).isEqualTo("photo 7");
      RecordedRoutes.awaitCounts(registry, Map.of("GET /api/photos/{id}", 1L));
    }
  }

  @ContainerTest
  void madeUpMethodsShareOneNameAndCannotCrowdOutRealRoutes() throws Exception {
    LatencyRegistry registry = LatencyRegistry.builder().maxSeriesPerName(10).build();
    try (TestServer server = TestServer.start((req, resp) -> resp.getWriter().write("x"),
        TimingFilter.builder().metrics(registry).build())) {
      for (int i = 0; i < 30; i++) {
        server.send(server.request("/photos/" + i)
            .method("BREW" + i, HttpRequest.BodyPublishers.noBody()));
      }
      server.get("/photos/1");
      server.send(server.request("/photos/1").DELETE());

      // HttpServlet answers unknown methods with 501.
      RecordedRoutes.awaitCounts(registry, Map.of(
          "OTHER /* server_error", 30L,
          "GET /*", 1L,
          "DELETE /* client_error", 1L));
      assertThat(registry.refusedNames()).isZero();
    }
  }
}
