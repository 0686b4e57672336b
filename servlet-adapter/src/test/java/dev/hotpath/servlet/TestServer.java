package dev.hotpath.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real Jetty 12 (ee11) server on a free port with one servlet context, plus a JDK HttpClient
 * speaking HTTP/1.1 to it. Each test builds its own filters and servlets.
 */
final class TestServer implements AutoCloseable {
  /** A servlet body as a lambda. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
  }

  private final Server server;
  private final ServletContextHandler context;
  private final HttpClient client;
  private final URI base;

  private TestServer(Server server, ServletContextHandler context, URI base) {
    this.server = server;
    this.context = context;
    this.base = base;
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /**
   * Starts a server whose context is set up by the given code.
   */
  static TestServer start(Consumer<ServletContextHandler> setup) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    setup.accept(context);
    server.setHandler(context);
    server.start();
    return new TestServer(server, context,
        URI.create("http://127.0.0.1:" + connector.getLocalPort()));
  }

  /** Starts a server with the filters (outermost first) in front of one handler at /*. */
  static TestServer start(Handler handler, Filter... filters) throws Exception {
    return start(context -> {
      for (Filter filter : filters) {
        addFilter(context, filter);
      }
      context.addServlet(new ServletHolder(servlet(handler)), "/*");
    });
  }

  static void addFilter(ServletContextHandler context, Filter filter) {
    context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  /** A servlet that runs the handler for GET (and so HEAD) and POST. */
  static HttpServlet servlet(Handler handler) {
    return new HttpServlet() {
      @Override
      protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        run(req, resp);
      }

      @Override
      protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        run(req, resp);
      }

      private void run(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
          handler.handle(req, resp);
        } catch (IOException | RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    };
  }

  ServletContextHandler context() {
    return context;
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20));
  }

  /** GET with header name/value pairs. */
  HttpResponse<byte[]> get(String path, String... headers) throws Exception {
    return send(request(path).headers(headers.length == 0 ? new String[] {"X-Test", "1"} : headers));
  }

  HttpResponse<byte[]> head(String path, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).method("HEAD", HttpRequest.BodyPublishers.noBody());
    return send(headers.length == 0 ? builder : builder.headers(headers));
  }

  HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  HttpResponse<InputStream> stream(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  HttpClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
