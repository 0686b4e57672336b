package dev.hotpath.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;
import org.eclipse.jetty.ee11.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A real servlet container on a free loopback port with one context at the root, plus a JDK
 * HttpClient speaking HTTP/1.1 to it. Which container: the one {@link ContainerTest} selected for
 * the running invocation (Jetty 12 ee11 or embedded Tomcat 11), Jetty outside such a test. Tests
 * set the context up through the plain {@link ServletContext} API, the same code on both, from a
 * {@link ServletContainerInitializer} (so adding filters, servlets and listeners is allowed).
 */
final class TestServer implements AutoCloseable {
  /** A servlet body as a lambda. */
  @FunctionalInterface
  interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
  }

  /** Sets a context up; runs while the container initializes it. */
  @FunctionalInterface
  interface Setup {
    void accept(ServletContext context) throws Exception;
  }

  private static final AtomicInteger NAMES = new AtomicInteger();
  private static final ExecutorService RAW_SENDERS = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "raw-http-client");
    thread.setDaemon(true);
    return thread;
  });
  private static volatile Container selected = Container.JETTY;

  private final Container container;
  private final AutoCloseable stop;
  private final HttpClient client;
  private final URI base;

  private TestServer(Container container, AutoCloseable stop, int port) {
    this.container = container;
    this.stop = stop;
    this.base = URI.create("http://127.0.0.1:" + port);
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** Selects the container later {@link #start} calls use; called by {@link ContainerTest}. */
  static void use(Container container) {
    selected = container;
  }

  /**
   * Starts the selected container with a context set up by the given code.
   */
  static TestServer start(Setup setup) throws Exception {
    return start(null, setup);
  }

  /**
   * Starts the selected container with a context set up by the given code and, when
   * {@code errorPage} is not null, that path as the error page for every status and exception
   * (an ERROR dispatch; the Servlet API has no call for it, so each container's own).
   */
  static TestServer start(String errorPage, Setup setup) throws Exception {
    ServletContainerInitializer initializer = (classes, context) -> {
      try {
        setup.accept(context);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new jakarta.servlet.ServletException(e);
      }
    };
    return switch (selected) {
      case JETTY -> startJetty(initializer, errorPage);
      case TOMCAT -> startTomcat(initializer, errorPage);
    };
  }

  private static TestServer startJetty(ServletContainerInitializer initializer, String errorPage)
      throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServletContainerInitializer(initializer);
    if (errorPage != null) {
      ErrorPageErrorHandler errors = new ErrorPageErrorHandler();
      errors.addErrorPage(ErrorPageErrorHandler.GLOBAL_ERROR_PAGE, errorPage);
      context.setErrorHandler(errors);
    }
    server.setHandler(context);
    server.start();
    return new TestServer(Container.JETTY, server::stop, connector.getLocalPort());
  }

  private static TestServer startTomcat(ServletContainerInitializer initializer, String errorPage)
      throws Exception {
    Path baseDir = Files.createTempDirectory("hotpath-tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(baseDir.toString());
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(0);
    tomcat.setConnector(connector);
    Context context = tomcat.addContext("", baseDir.toString());
    context.addServletContainerInitializer(initializer, null);
    if (errorPage != null) {
      ErrorPage page = new ErrorPage(); // no code and no exception type: the default page
      page.setLocation(errorPage);
      context.addErrorPage(page);
    }
    try {
      tomcat.start();
    } catch (LifecycleException e) {
      tomcat.destroy();
      throw e;
    }
    if (!context.getState().isAvailable()) {
      tomcat.stop();
      tomcat.destroy();
      throw new IllegalStateException("the Tomcat context failed to start: " + context.getState());
    }
    return new TestServer(Container.TOMCAT, () -> {
      tomcat.stop();
      tomcat.destroy();
      try (var files = Files.walk(baseDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }, connector.getLocalPort());
  }

  /** Starts a server with the filters (outermost first) in front of one handler at /*. */
  static TestServer start(Handler handler, Filter... filters) throws Exception {
    return start(context -> {
      for (Filter filter : filters) {
        addFilter(context, filter);
      }
      addServlet(context, servlet(handler), "/*");
    });
  }

  /** Maps a filter to /* for REQUEST dispatches, after those added before it. */
  static FilterRegistration.Dynamic addFilter(ServletContext context, Filter filter) {
    return addFilter(context, filter, EnumSet.of(DispatcherType.REQUEST));
  }

  /** Maps a filter to /* for the given dispatches, after those added before it. */
  static FilterRegistration.Dynamic addFilter(ServletContext context, Filter filter,
      EnumSet<DispatcherType> dispatches) {
    FilterRegistration.Dynamic registration =
        context.addFilter("filter-" + NAMES.incrementAndGet(), filter);
    registration.setAsyncSupported(true);
    registration.addMappingForUrlPatterns(dispatches, true, "/*");
    return registration;
  }

  /** Maps a servlet (async supported) to the patterns. */
  static ServletRegistration.Dynamic addServlet(ServletContext context, Servlet servlet,
      String... patterns) {
    ServletRegistration.Dynamic registration =
        context.addServlet("servlet-" + NAMES.incrementAndGet(), servlet);
    registration.setAsyncSupported(true);
    registration.addMapping(patterns);
    return registration;
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

  Container container() {
    return container;
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

  /**
   * Sends a GET over a plain socket, for what the JDK client will not send (a Host header of
   * its own, exactly these repeated header lines), and returns the whole response as text.
   *
   * @param headerLines header lines without CRLF, {@code Host} first
   */
  CompletableFuture<String> raw(String path, String... headerLines) {
    return CompletableFuture.supplyAsync(() -> {
      try (Socket socket = new Socket(base.getHost(), base.getPort())) {
        socket.setSoTimeout(20_000);
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
        for (String line : headerLines) {
          request.append(line).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, RAW_SENDERS);
  }

  HttpClient client() {
    return client;
  }

  @Override
  public void close() throws Exception {
    stop.close();
  }
}
