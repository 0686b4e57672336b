package dev.hotpath.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local stand-in for the vision API: a real JDK HTTP server on 127.0.0.1 and a free port that
 * answers {@code GET /labels?image=...} with scripted replies (200, 429 with Retry-After, 503, or
 * a reply held until the test releases a latch).
 */
final class VisionStub implements AutoCloseable {
  /** One scripted reply. */
  record Reply(int status, String retryAfter, CountDownLatch holdUntil) {
    static Reply ok() {
      return new Reply(200, null, null);
    }

    static Reply status(int status) {
      return new Reply(status, null, null);
    }

    static Reply tooManyRequests(String retryAfter) {
      return new Reply(429, retryAfter, null);
    }

    static Reply heldUntil(CountDownLatch release) {
      return new Reply(200, null, release);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Queue<Reply> script = new ConcurrentLinkedQueue<>();
  private volatile Reply otherwise = Reply.ok();
  private final List<Long> arrivals = new CopyOnWriteArrayList<>();

  VisionStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/labels", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Replies with {@code replies} to the next requests, in order, then with {@link #otherwise}. */
  VisionStub script(Reply... replies) {
    script.addAll(List.of(replies));
    return this;
  }

  /** Sets the reply once the script is used up. */
  VisionStub otherwise(Reply reply) {
    this.otherwise = reply;
    return this;
  }

  URI uri(String image) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/labels?image=" + image);
  }

  int requests() {
    return arrivals.size();
  }

  /** The {@link System#nanoTime()} at which each request arrived. */
  List<Long> arrivals() {
    return arrivals;
  }

  private void handle(HttpExchange exchange) throws IOException {
    arrivals.add(System.nanoTime());
    Reply reply = script.poll();
    if (reply == null) {
      reply = otherwise;
    }
    try (exchange) {
      if (reply.holdUntil() != null && !reply.holdUntil().await(30, TimeUnit.SECONDS)) {
        throw new IOException("stub reply was never released");
      }
      if (reply.retryAfter() != null) {
        exchange.getResponseHeaders().add("Retry-After", reply.retryAfter());
      }
      byte[] body = (reply.status() == 200 ? "cat,sofa:" + exchange.getRequestURI().getQuery() : "error")
          .getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
