package dev.hotpath.examples.proof;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * An open-model load driver in the manner of wrk2: requests are scheduled at a constant rate,
 * whatever the server does, and each one's latency is measured from the time it was meant to be
 * sent, so a stalled server cannot hide its stall by slowing the driver down (no coordinated
 * omission). A fixed number of connections (the users) carries them: when all are busy, the
 * next request waits for one, and that wait counts in its latency, as it does for a user.
 *
 * <p>Requests of the warm-up are sent but not recorded. After the measured window, requests
 * still in flight get a bounded drain; a request that was due but could not be sent before the
 * end is recorded as an error with the latency it had reached. Only loopback targets are
 * accepted. Per endpoint it records an HdrHistogram of latencies, errors, wire and decoded body
 * bytes and the statement count from the {@code Server-Timing} {@code db} entry.
 */
final class LoadDriver {

  private static final Pattern DB_QUERIES = Pattern.compile("db;dur=[0-9.]+;desc=\"(\\d+) quer");

  /**
   * One run's settings.
   *
   * @param base the server, on 127.0.0.1 or localhost
   * @param rate requests per second
   * @param connections concurrent connections (users)
   * @param warmup sent, not recorded
   * @param duration recorded
   * @param timeout per request; a slower answer is an error
   */
  record Settings(URI base, double rate, int connections, Duration warmup, Duration duration,
      Duration timeout) {
    Settings {
      String host = base.getHost();
      if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
        throw new IllegalArgumentException("the load driver only targets loopback, was " + host);
      }
      if (rate <= 0 || connections < 1) {
        throw new IllegalArgumentException("rate and connections must be positive, were " + rate
            + " and " + connections);
      }
    }
  }

  private final Settings settings;
  private final RequestMix mix;
  private final Map<Endpoint, EndpointStats> stats = new EnumMap<>(Endpoint.class);
  private final Map<String, String> etags = new ConcurrentHashMap<>();

  LoadDriver(Settings settings, RequestMix mix) {
    this.settings = settings;
    this.mix = mix;
    for (Endpoint endpoint : Endpoint.values()) {
      stats.put(endpoint, new EndpointStats());
    }
  }

  /**
   * Runs the warm-up and the measured window, then drains.
   *
   * @param seed the request mix's random seed
   * @return per endpoint, what was measured
   * @throws InterruptedException if interrupted
   */
  Map<Endpoint, EndpointStats> run(long seed) throws InterruptedException {
    ExecutorService callbacks = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "load-driver-callback");
      t.setDaemon(true);
      return t;
    });
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .executor(callbacks)
        .build();
    Semaphore connections = new Semaphore(settings.connections());
    SplittableRandom random = new SplittableRandom(seed);
    long interval = (long) (1e9 / settings.rate());
    long start = System.nanoTime();
    long measureFrom = start + settings.warmup().toNanos();
    long end = measureFrom + settings.duration().toNanos();
    long sent = 0;
    for (long intended = start; intended < end; intended = start + ++sent * interval) {
      RequestMix.Request request = mix.next(random);
      long wait;
      while ((wait = intended - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
      }
      // A free connection is taken at once; none free, the request waits, at most until the end.
      long timeLeft = Math.max(0, end - System.nanoTime());
      if (!connections.tryAcquire(timeLeft, TimeUnit.NANOSECONDS)) {
        recordUnsent(request, intended, measureFrom, end, start, interval, sent);
        break;
      }
      send(http, request, intended, intended >= measureFrom, connections);
    }
    // Let what is in flight finish (or time out), then close.
    connections.tryAcquire(settings.connections(), settings.timeout().toNanos() + 1_000_000_000L,
        TimeUnit.NANOSECONDS);
    callbacks.shutdownNow();
    return stats;
  }

  private void recordUnsent(RequestMix.Request first, long intended, long measureFrom, long end,
      long start, long interval, long sent) {
    // Every request due from here to the end found no free connection: each is an error whose
    // latency is at least the time it had waited when the run ended.
    long now = Math.max(System.nanoTime(), end);
    SplittableRandom random = new SplittableRandom(sent);
    RequestMix.Request request = first;
    for (long due = intended; due < end; due += interval) {
      if (due >= measureFrom) {
        stats.get(request.endpoint()).recordError(now - due);
      }
      request = mix.next(random);
    }
  }

  private void send(HttpClient http, RequestMix.Request request, long intended, boolean measured,
      Semaphore connections) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(settings.base().resolve(request.path()))
        .timeout(settings.timeout())
        .header("Accept-Encoding", "gzip");
    if (request.body() == null) {
      String etag = etags.get(request.path());
      if (etag != null) {
        builder.header("If-None-Match", etag); // what a browser that saw the page sends
      }
      builder.GET();
    } else {
      builder.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(request.body()));
    }
    http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
        .whenComplete((response, failure) -> {
          long latency = System.nanoTime() - intended;
          connections.release();
          if (response != null) {
            response.headers().firstValue("ETag").ifPresent(tag -> etags.put(request.path(), tag));
          }
          if (!measured) {
            return;
          }
          EndpointStats endpoint = stats.get(request.endpoint());
          if (failure != null || response.statusCode() >= 400) {
            endpoint.recordError(latency);
          } else {
            byte[] body = response.body();
            boolean gzip = "gzip".equals(response.headers().firstValue("Content-Encoding")
                .orElse(""));
            endpoint.record(latency, response.statusCode(), body.length,
                gzip ? decodedLength(body) : body.length, queries(response));
          }
        });
  }

  private static int queries(HttpResponse<?> response) {
    Matcher db = DB_QUERIES.matcher(response.headers().firstValue("Server-Timing").orElse(""));
    return db.find() ? Integer.parseInt(db.group(1)) : 0; // no db entry: no statement ran
  }

  private static long decodedLength(byte[] gzipped) {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      return -1;
    }
  }
}
