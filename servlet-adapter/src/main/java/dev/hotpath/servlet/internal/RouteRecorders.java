package dev.hotpath.servlet.internal;

import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.RouteMetric;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The recorders of {@link RouteMetric}'s series, remembered per route and outcome so that timing
 * a request of a known route builds no id and allocates nothing. An outcome's series is created
 * in the registry only once a request ends with it, so a route that never fails shows no error
 * series.
 */
public final class RouteRecorders {
  /** Routes are templates; past this many the recorders are looked up in the registry each time. */
  private static final int MAX_CACHED_ROUTES = 2048;
  private static final int SUCCESS = 0;
  private static final int CLIENT_ERROR = 1;
  private static final int SERVER_ERROR = 2;
  private static final int[] STATUS_OF_OUTCOME = {200, 400, 500};

  private final LatencyRegistry registry;
  private final ConcurrentHashMap<String, AtomicReferenceArray<LatencyRecorder>> byRoute =
      new ConcurrentHashMap<>();

  /**
   * Creates an empty cache over a registry.
   *
   * @param registry where the series live
   */
  public RouteRecorders(LatencyRegistry registry) {
    this.registry = registry;
  }

  /**
   * Returns the recorder of a route's requests that ended with {@code status}.
   *
   * @param route the route name, such as {@code "GET /photos/*"}
   * @param status the response status
   * @return the recorder of {@code hotpath.http.server{outcome=..., route=...}}, or its overflow
   *     recorder when the registry's cap is reached
   */
  public LatencyRecorder recorder(String route, int status) {
    int outcome = status < 400 ? SUCCESS : status < 500 ? CLIENT_ERROR : SERVER_ERROR;
    AtomicReferenceArray<LatencyRecorder> outcomes = byRoute.get(route);
    if (outcomes == null) {
      if (byRoute.size() >= MAX_CACHED_ROUTES) {
        return registry.recorder(RouteMetric.of(route, STATUS_OF_OUTCOME[outcome]));
      }
      outcomes = byRoute.computeIfAbsent(route, key -> new AtomicReferenceArray<>(3));
    }
    LatencyRecorder recorder = outcomes.get(outcome);
    if (recorder == null) {
      // Racing threads get the same recorder from the registry; either may store it.
      recorder = registry.recorder(RouteMetric.of(route, STATUS_OF_OUTCOME[outcome]));
      outcomes.set(outcome, recorder);
    }
    return recorder;
  }
}
