package dev.hotpath.metrics;

/**
 * The series of server requests by route: {@code hotpath.http.server{outcome=..., route=...}}.
 * The servlet adapter records them; a {@link Budget} written with a bare route
 * ({@code "GET /api/photos p95 < 300ms"}) judges the route's successful requests. Defined here so
 * that both name the same series without one block depending on the other.
 *
 * <ul>
 *   <li>{@value #ROUTE_TAG}: the route template ({@code "GET /photos/{id}"}), through
 *       {@link TagValues#bounded}, so any template fits;
 *   <li>{@value #OUTCOME_TAG}: {@value #SUCCESS} for a status below 400, {@value #CLIENT_ERROR}
 *       for 4xx, {@value #SERVER_ERROR} for 5xx (and for a request that threw), so a fast 404
 *       never hides a slow page.
 * </ul>
 */
public final class RouteMetric {
  /** The metric name. */
  public static final String NAME = "hotpath.http.server";

  /** The tag holding the route template. */
  public static final String ROUTE_TAG = "route";

  /** The tag holding the status class. */
  public static final String OUTCOME_TAG = "outcome";

  /** The outcome of a response with a status below 400. */
  public static final String SUCCESS = "success";

  /** The outcome of a 4xx response. */
  public static final String CLIENT_ERROR = "client_error";

  /** The outcome of a 5xx response, or of a request that threw. */
  public static final String SERVER_ERROR = "server_error";

  private static final MetricId BASE = MetricId.of(NAME);

  private RouteMetric() {}

  /**
   * Returns the series of a route's successful requests, the one a bare-route budget judges.
   *
   * @param route the route, such as {@code "GET /api/photos"}; shortened by
   *     {@link TagValues#bounded} when it is not a valid tag value
   * @return {@code hotpath.http.server{outcome=success, route=<route>}}
   */
  public static MetricId of(String route) {
    return of(route, 200);
  }

  /**
   * Returns the series of a route's requests that ended with {@code status}.
   *
   * @param route the route; shortened by {@link TagValues#bounded} when it is not a valid tag value
   * @param status the HTTP status the response had
   * @return {@code hotpath.http.server{outcome=<status class>, route=<route>}}
   */
  public static MetricId of(String route, int status) {
    return BASE.tag(OUTCOME_TAG, outcome(status)).tag(ROUTE_TAG, TagValues.bounded(route));
  }

  /**
   * Returns the outcome tag value of a status.
   *
   * @param status an HTTP status
   * @return {@value #SUCCESS}, {@value #CLIENT_ERROR} or {@value #SERVER_ERROR}
   */
  public static String outcome(int status) {
    if (status < 400) {
      return SUCCESS;
    }
    return status < 500 ? CLIENT_ERROR : SERVER_ERROR;
  }
}
