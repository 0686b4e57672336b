package dev.hotpath.examples.responsecache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.examples.SharedRedis;
import dev.hotpath.servlet.CachedResponse;
import dev.hotpath.servlet.ResponseCacheFilter;
import dev.hotpath.servlet.ResponseCacheRule;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes whose response caches share the real Redis through a {@link TieredCache}. */
class SharedResponseCacheTest {
  @RegisterExtension
  static final SharedRedis REDIS = new SharedRedis("response-cache-test");

  private static final ResponseCacheRule ALBUMS = ResponseCacheRule.ttl(Duration.ofMinutes(5))
      .pathTemplate("/albums/{id}").tags("album:{id}");

  private final AtomicInteger renders = new AtomicInteger();

  /** One node: its own Redis tier and cache of pages, a response cache in front of one servlet. */
  private final class Node implements AutoCloseable {
    final RedisTier tier = REDIS.tier();
    final TieredCache<String, CachedResponse> pages = TieredCache.<String, CachedResponse>builder("pages")
        .maximumSize(1_000).ttl(Duration.ofMinutes(10))
        .redisTier(tier, Codec.json(CachedResponse.class)).build();
    final ResponseCacheFilter cache = ResponseCacheFilter.builder()
        .rule("GET /albums/*", ALBUMS).store(new TieredResponseStore(pages)).build();
    final Server server = new Server();

    Node() throws Exception {
      ServerConnector connector = new ServerConnector(server);
      connector.setHost("127.0.0.1");
      server.addConnector(connector);
      ServletContextHandler context = new ServletContextHandler("/");
      context.addFilter(new FilterHolder(cache), "/*", EnumSet.of(DispatcherType.REQUEST));
      context.addServlet(new ServletHolder(new HttpServlet() {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
          resp.setContentType("text/plain;charset=UTF-8");
          resp.getWriter().write("album " + req.getPathInfo().substring(1) + " #" + renders.incrementAndGet());
        }
      }), "/albums/*");
      server.setHandler(context);
      server.start();
    }

    /**
     * GETs the path as a balancer in front of both nodes would: with the public host name, which
     * is part of the key (the JDK client will not send a Host of its own, so a plain socket).
     */
    String get(String path) throws Exception {
      int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: gallery.example\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(response).startsWith("HTTP/1.1 200");
        return response.substring(response.indexOf("\r\n\r\n") + 4);
      }
    }

    @Override
    public void close() throws Exception {
      server.stop();
      pages.close();
      tier.close();
    }
  }

  @Test
  void twoNodesServeOneStoredPageAndBothDropItOnATagInvalidation() throws Exception {
    try (Node first = new Node(); Node second = new Node()) {
      assertThat(first.get("/albums/1")).isEqualTo("album 1 #1");
      // The first node writes to Redis in the background.
      await().until(() -> !REDIS.keys("pages:k:*").isEmpty());
      assertThat(second.get("/albums/1")).isEqualTo("album 1 #1");
      assertThat(second.get("/albums/1")).isEqualTo("album 1 #1");
      assertThat(renders).hasValue(1);

      first.cache.invalidateTag("album:1");
      assertThat(first.get("/albums/1")).isNotEqualTo("album 1 #1");
      // The second node hears of it through Redis pub/sub.
      await().atMost(Duration.ofSeconds(10)).until(() -> !second.get("/albums/1").equals("album 1 #1"));
    }
  }
}
