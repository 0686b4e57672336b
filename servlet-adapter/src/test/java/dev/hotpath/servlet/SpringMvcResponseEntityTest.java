package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.AnnotationConfigWebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * A real DispatcherServlet behind the installed chain: Spring MVC calls {@code flushBuffer()}
 * after writing a {@code ResponseEntity}, and such a body must still be tagged and compressed.
 */
class SpringMvcResponseEntityTest {
  static final String ALBUM = "{\"id\":7,\"title\":\"" + "harbour ".repeat(100) + "\"}";

  /** Returns the same album as a ResponseEntity and as a plain body. */
  @RestController
  public static class AlbumController {
    @GetMapping("/albums/{id}/entity")
    public ResponseEntity<String> entity(@PathVariable("id") String id) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ALBUM);
    }
  }

  private static TestServer serve() throws Exception {
    AnnotationConfigWebApplicationContext spring = new AnnotationConfigWebApplicationContext();
    spring.register(AlbumController.class);
    return TestServer.start(context -> {
      Hotpath.install(context, HotpathOptions.builder().build());
      TestServer.addServlet(context, new DispatcherServlet(spring), "/");
    });
  }

  @ContainerTest
  void aResponseEntityGetsAnEtagA304AndGzip() throws Exception {
    try (TestServer server = serve()) {
      HttpResponse<byte[]> plain = server.get("/albums/7/entity");
      assertThat(plain.statusCode()).isEqualTo(200);
      assertThat(new String(plain.body(), UTF_8)).isEqualTo(ALBUM);
      String etag = plain.headers().firstValue("ETag").orElseThrow();

      HttpResponse<byte[]> revalidated = server.get("/albums/7/entity", "If-None-Match", etag);
      assertThat(revalidated.statusCode()).isEqualTo(304);
      assertThat(revalidated.body()).isEmpty();

      HttpResponse<byte[]> gzip = server.get("/albums/7/entity", "Accept-Encoding", "gzip");
      assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
      assertThat(gzip.headers().firstValue("ETag")).hasValue(
          etag.substring(0, etag.length() - 1) + "-gzip\"");
      assertThat(new String(CompressionFilterTest.gunzip(gzip.body()), UTF_8)).isEqualTo(ALBUM);
    }
  }
}
