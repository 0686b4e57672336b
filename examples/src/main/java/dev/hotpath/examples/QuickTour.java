package dev.hotpath.examples;

import dev.hotpath.core.Health;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.core.HealthReport;
import dev.hotpath.core.SingleFlight;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.metrics.BudgetMonitor;
import dev.hotpath.metrics.BudgetState;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.metrics.PerformanceReport;
import dev.hotpath.metrics.RouteMetric;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A two-minute tour of hotpath's core and metrics blocks, run with
 * {@code ./mvnw -B -q -pl examples -am test-compile exec:java
 * -Dexec.mainClass=dev.hotpath.examples.QuickTour}.
 *
 * <p>It plays a tiny photo service: eight concurrent requests for the same photo share one slow
 * load ({@link SingleFlight}), each request runs in a {@link UnitOfWork} and records its latency
 * into a {@link LatencyRegistry}, a latency budget is checked, health is aggregated and a JSON
 * performance report is printed.
 */
public final class QuickTour {

  private static final int REQUESTS = 8;
  // The series TimingFilter would record for this route; a budget on the bare route judges it.
  private static final MetricId PHOTO_ROUTE = RouteMetric.of("GET /photos/{id}");

  private QuickTour() {}

  /**
   * Runs the tour and prints what each block did.
   *
   * @param args ignored
   * @throws Exception if the tour itself fails (it should not)
   */
  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /**
   * Runs the tour, printing to {@code out}.
   *
   * @param out where to print
   * @return how many times the slow photo load actually ran
   * @throws Exception if the tour itself fails
   */
  static int run(PrintStream out) throws Exception {
    LatencyRegistry latency = LatencyRegistry.create();
    SingleFlight<Long, String> photoLoads = new SingleFlight<>();
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch allArrived = new CountDownLatch(REQUESTS);

    out.println("1. " + REQUESTS + " concurrent requests for photo 42 share one load:");
    ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
    try {
      List<Future<String>> responses = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        responses.add(pool.submit(() -> handle(latency, photoLoads, loads, allArrived)));
      }
      for (Future<String> response : responses) {
        response.get();
      }
    } finally {
      pool.shutdown();
    }
    out.println("   responses: " + REQUESTS + ", loads run: " + loads.get());

    LatencySnapshot photos = latency.recorder(PHOTO_ROUTE).snapshot();
    out.printf("2. latency of GET /photos/{id}: count=%d p50=%.1f ms p99=%.1f ms%n",
        photos.count(), photos.p50() / 1e6, photos.p99() / 1e6);

    try (BudgetMonitor budgets =
        BudgetMonitor.builder(latency).budget("GET /photos/{id} p95 < 300ms over 1m").build()) {
      for (BudgetState state : budgets.evaluate()) {
        out.println("3. budget " + state.budget() + ": " + state.status());
      }
      try (HealthRegistry health = HealthRegistry.builder().build()) {
        health.register("photo-store", () -> Health.up().withDetail("photos", 1));
        health.register("thumbnailer", () -> Health.degraded("queue backed up"), false);
        HealthReport report = health.check();
        out.println("4. health: " + report.status() + " " + report.components().keySet());
      }
      out.println("5. report: " + PerformanceReport.capture(latency, budgets).toJson());
    }
    return loads.get();
  }

  /** One request: a unit of work, a shared load, latency recorded in the route's series. */
  private static String handle(
      LatencyRegistry latency,
      SingleFlight<Long, String> photoLoads,
      AtomicInteger loads,
      CountDownLatch allArrived)
      throws Exception {
    try (UnitOfWork request = UnitOfWork.begin("GET /photos/42")) {
      allArrived.countDown();
      String photo =
          photoLoads.call(
              42L,
              () -> {
                loads.incrementAndGet();
                // A slow store: the load waits until every request has arrived, so all of
                // them are in flight together and share this one execution.
                allArrived.await();
                Thread.sleep(Duration.ofMillis(50).toMillis());
                return "photo 42";
              });
      latency.record(PHOTO_ROUTE, request.elapsed().toNanos());
      return photo;
    }
  }
}
