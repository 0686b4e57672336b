package dev.hotpath.examples.proof;

import java.time.Duration;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One mode driven at one load level.
 *
 * @param mode the build
 * @param users the simulated users (connections)
 * @param offeredRate the requests per second sent, whatever the answers
 * @param duration the measured window
 * @param endpoints what each endpoint measured
 */
record LevelResult(ProofMode mode, int users, double offeredRate, Duration duration,
    Map<Endpoint, EndpointStats> endpoints) {

  /** Every endpoint's latencies together. */
  Histogram allLatencies() {
    Histogram all = new Histogram(3);
    endpoints.values().forEach(stats -> all.add(stats.latencies()));
    return all;
  }

  /** Answered requests per second of the measured window. */
  double throughput(Endpoint endpoint) {
    EndpointStats stats = endpoints.get(endpoint);
    return (stats.requests() - stats.errors()) / (duration.toMillis() / 1000.0);
  }
}
