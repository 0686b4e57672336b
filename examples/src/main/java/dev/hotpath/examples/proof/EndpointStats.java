package dev.hotpath.examples.proof;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What the load driver measured for one endpoint in one run: every latency (errors included,
 * so a failing endpoint cannot look fast), errors, and for answered requests the status, the
 * body bytes on the wire and decoded, and the statements the server ran. Thread-safe.
 */
final class EndpointStats {

  private final Histogram latencies = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
  private long errors;
  private long answered;
  private long notModified;
  private long wireBytes;
  private long decodedBytes;
  private long queries;

  synchronized void record(long latencyNanos, int status, long wire, long decoded, int statements) {
    latencies.recordValue(Math.min(latencyNanos, latencies.getHighestTrackableValue()));
    answered++;
    if (status == 304) {
      notModified++;
    }
    wireBytes += wire;
    decodedBytes += decoded;
    queries += statements;
  }

  synchronized void recordError(long latencyNanos) {
    latencies.recordValue(Math.min(Math.max(0, latencyNanos),
        latencies.getHighestTrackableValue()));
    errors++;
  }

  /**
   * Returns a copy of the latencies, in nanoseconds.
   *
   * @return the histogram
   */
  synchronized Histogram latencies() {
    return latencies.copy();
  }

  synchronized long requests() {
    return answered + errors;
  }

  synchronized long errors() {
    return errors;
  }

  synchronized long notModified() {
    return notModified;
  }

  synchronized long wireBytes() {
    return wireBytes;
  }

  synchronized long decodedBytes() {
    return decodedBytes;
  }

  /** Statements per answered request. */
  synchronized double queriesPerRequest() {
    return answered == 0 ? 0 : (double) queries / answered;
  }

  /** Body bytes on the wire per answered request. */
  synchronized double bytesPerResponse() {
    return answered == 0 ? 0 : (double) wireBytes / answered;
  }

  /** The share of body bytes compression saved: 0 when nothing was compressed. */
  synchronized double compressionSaving() {
    return decodedBytes == 0 ? 0 : 1 - (double) wireBytes / decodedBytes;
  }
}
