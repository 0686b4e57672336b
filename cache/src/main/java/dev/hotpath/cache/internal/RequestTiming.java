package dev.hotpath.cache.internal;

import dev.hotpath.core.ServerTiming;

/**
 * The cache's entries in the current request's {@link ServerTiming}. Two fixed names shared by
 * every cache, so a request's header stays bounded however many caches and keys it touches.
 */
final class RequestTiming {
  /** Hits from memory or Redis; only Redis hits add time (timing a memory hit would double it). */
  static final ServerTiming.Metric HIT = ServerTiming.Metric.counted("cache-hit", "hit", "hits");

  /** Calls of a loader on this request's behalf, failed ones included, with the time they took. */
  static final ServerTiming.Metric LOAD = ServerTiming.Metric.counted("cache-load", "load", "loads");

  /** Reads answered with an expired value because the loader failed (fail-safe). */
  static final ServerTiming.Metric FAIL_SAFE = ServerTiming.Metric.counted("cache-failsafe", "stale value", "stale values");

  private RequestTiming() {}

  /** The hit path: one thread-local read outside a request, no allocation. */
  static void memoryHit() {
    ServerTiming.accumulateCurrent(HIT, 0);
  }

  /** The entries of the request on this thread, looked up once on a miss path; null for none. */
  static ServerTiming current() {
    return ServerTiming.current().orElse(null);
  }

  static void hit(ServerTiming timing, long nanos) {
    if (timing != null) {
      timing.accumulate(HIT, nanos);
    }
  }

  static void failSafe(ServerTiming timing) {
    if (timing != null) {
      timing.accumulate(FAIL_SAFE, 0);
    }
  }

  static void load(ServerTiming timing, long nanos) {
    if (timing != null) {
      timing.accumulate(LOAD, nanos);
    }
  }
}
