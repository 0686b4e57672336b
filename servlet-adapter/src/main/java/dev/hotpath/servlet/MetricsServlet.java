package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.PerformanceReport;
import dev.hotpath.servlet.internal.AccessRefusal;
import dev.hotpath.servlet.internal.PrometheusText;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Latency metrics of a {@link LatencyRegistry}. Map it with a wildcard, e.g. {@code /metrics/*},
 * and register it with async support (the stream needs it):
 *
 * <ul>
 *   <li>{@code /metrics}: the {@link PerformanceReport} JSON (slowest series first, each with
 *       its metric name and tags).
 *   <li>{@code /metrics/prometheus}: Prometheus text format 0.0.4. Per metric name (dots
 *       become underscores, as in Micrometer's Prometheus naming) one summary
 *       {@code <name>_seconds} with quantiles 0.5 to 0.999, count and sum, and one gauge
 *       {@code <name>_max_seconds}; each series' tags are its labels, so a route or a SQL
 *       fingerprint is a label value, never a metric name:
 *       {@code hotpath_http_server_seconds_count{outcome="success",route="GET /photos/{id}"}}.
 *   <li>{@code /metrics/stream}: Server-Sent Events, an event {@code snapshot} with the report
 *       JSON at once and then every interval. Clients that disconnect are dropped at the next
 *       send (or when the container reports the error), and their async request is completed.
 * </ul>
 *
 * <p>Every path is for operators only: a caller the {@link MonitoringAccess} rule refuses gets
 * 401 or 403 and no data. The default rule is {@link MonitoringAccess#operators()}.
 *
 * <p>One daemon thread sends to all stream clients; it stops in {@link #destroy()}.
 */
public final class MetricsServlet extends HttpServlet {
  private final transient LatencyRegistry registry;
  private final transient Duration interval;
  private final transient MonitoringAccess access;
  private final transient Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
  private transient ScheduledExecutorService sender;

  /**
   * Creates the servlet, readable by callers in the {@value MonitoringAccess#OPERATOR_ROLE} role.
   *
   * @param registry the metrics to show
   * @param streamInterval time between stream events, at least 10 ms
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when the interval is too short
   */
  public MetricsServlet(LatencyRegistry registry, Duration streamInterval) {
    this(registry, streamInterval, MonitoringAccess.operators());
  }

  /**
   * Creates the servlet.
   *
   * @param registry the metrics to show
   * @param streamInterval time between stream events, at least 10 ms
   * @param access who may read any of it
   * @throws NullPointerException when an argument is null
   * @throws IllegalArgumentException when the interval is too short
   */
  public MetricsServlet(LatencyRegistry registry, Duration streamInterval, MonitoringAccess access) {
    Check.notNull(access, "access");
    Check.notNull(registry, "registry");
    Check.notNull(streamInterval, "streamInterval");
    if (streamInterval.toMillis() < 10) {
      throw new IllegalArgumentException("streamInterval must be at least 10ms, was " + streamInterval);
    }
    this.registry = registry;
    this.interval = streamInterval;
    this.access = access;
  }

  /**
   * Returns how many stream clients are connected.
   *
   * @return the number of open streams
   */
  public int streamClients() {
    return subscribers.size();
  }

  @Override
  public void init() {
    sender = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "hotpath-metrics-stream");
      thread.setDaemon(true);
      return thread;
    });
    long millis = interval.toMillis();
    sender.scheduleAtFixedRate(this::broadcast, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void destroy() {
    if (sender != null) {
      sender.shutdownNow();
    }
    for (Subscriber subscriber : subscribers) {
      subscriber.drop();
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (AccessRefusal.refused(access, request, response)) {
      return;
    }
    String path = request.getPathInfo();
    if (path == null || "/".equals(path)) {
      response.setHeader("Cache-Control", "no-store");
      response.setContentType("application/json;charset=UTF-8");
      response.getOutputStream().write(
          PerformanceReport.capture(registry).toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if ("/prometheus".equals(path)) {
      response.setHeader("Cache-Control", "no-store");
      response.setContentType("text/plain;version=0.0.4;charset=UTF-8");
      response.getOutputStream().write(
          PrometheusText.format(registry.series()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } else if ("/stream".equals(path)) {
      subscribe(request, response);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private void subscribe(HttpServletRequest request, HttpServletResponse response) throws IOException {
    AsyncContext async = request.startAsync();
    async.setTimeout(0);
    Subscriber subscriber = new Subscriber(async, SseWriter.open(response));
    async.addListener(subscriber);
    subscribers.add(subscriber);
    subscriber.send(PerformanceReport.capture(registry).toJson());
  }

  private void broadcast() {
    if (subscribers.isEmpty()) {
      return;
    }
    String json = PerformanceReport.capture(registry).toJson();
    for (Subscriber subscriber : subscribers) {
      subscriber.send(json);
    }
  }

  private final class Subscriber implements AsyncListener {
    private final AsyncContext async;
    private final SseWriter writer;

    Subscriber(AsyncContext async, SseWriter writer) {
      this.async = async;
      this.writer = writer;
    }

    synchronized void send(String json) {
      if (!subscribers.contains(this)) {
        return;
      }
      try {
        writer.event("snapshot", null, json);
      } catch (IOException | RuntimeException e) {
        drop();
      }
    }

    void drop() {
      if (subscribers.remove(this)) {
        try {
          async.complete();
        } catch (RuntimeException e) {
          // already completed by the container after the disconnect
        }
      }
    }

    @Override
    public void onComplete(AsyncEvent event) {
      subscribers.remove(this);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      drop();
    }

    @Override
    public void onError(AsyncEvent event) {
      drop();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // a new async cycle keeps the subscription
    }
  }
}
