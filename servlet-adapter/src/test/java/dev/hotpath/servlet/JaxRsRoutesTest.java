package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.UnitOfWork;
import dev.hotpath.metrics.LatencyRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Map;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** Route names from the template a real Jersey application matched, on both containers. */
class JaxRsRoutesTest {
  /** A JAX-RS resource; each method answers with the name of the unit of work it ran in. */
  @Path("/photos")
  public static class PhotoResource {
    @GET
    @Path("/{id}")
    public String photo(@PathParam("id") String id) {
      return UnitOfWork.current().map(UnitOfWork::name).orElse("none") + " " + id;
    }

    @GET
    @Path("/{id}/labels")
    public String labels(@PathParam("id") String id) {
      return "labels " + id;
    }
  }

  private static ServletContainer jersey() {
    return new ServletContainer(new ResourceConfig(PhotoResource.class)
        .register(JaxRsRouteFilter.class));
  }

  @ContainerTest
  void jerseyRequestsAreNamedAfterTheMatchedTemplate() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    try (TestServer server = RecordedRoutes.serveTimed(registry, jersey(), "/*")) {
      // The resource method runs after the filter: its unit of work has the route's name.
      assertThat(new String(server.get("/photos/7").body(), UTF_8)).isEqualTo("GET /photos/{id} 7");
      server.get("/photos/8");
      server.get("/photos/8/labels");
      assertThat(server.get("/no/such/resource").statusCode()).isEqualTo(404);

      RecordedRoutes.awaitCounts(registry, Map.of(
          "GET /photos/{id}", 2L,
          "GET /photos/{id}/labels", 1L,
          "GET /* client_error", 1L));
    }
  }

  @ContainerTest
  void aJerseyServletUnderAPathKeepsThatPathInTheName() throws Exception {
    LatencyRegistry registry = LatencyRegistry.create();
    try (TestServer server = RecordedRoutes.serveTimed(registry, jersey(), "/api/*")) {
      assertThat(new String(server.get("/api/photos/7").body(), UTF_8))
          .isEqualTo("GET /api/photos/{id} 7");
      RecordedRoutes.awaitCounts(registry, Map.of("GET /api/photos/{id}", 1L));
    }
  }
}
