package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hotpath.core.ComponentHealth;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.core.HealthReport;
import dev.hotpath.core.HealthStatus;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health endpoints as JSON, for load balancers and orchestrators. Map it with a wildcard, e.g.
 * {@code /health/*}:
 *
 * <ul>
 *   <li>{@code /health/live}: liveness. Always {@code 200 {"status":"UP"}} while the process
 *       serves requests; it runs no checks, so a failing database never gets the process
 *       restarted.
 *   <li>{@code /health/ready} and {@code /health}: readiness. Runs the {@link HealthRegistry}
 *       checks and answers {@code 200} when the aggregate is UP or DEGRADED, {@code 503} when
 *       DOWN, with each component's status, message, criticality, duration and details.
 * </ul>
 *
 * <p>Component details are for operators only: a caller the {@link MonitoringAccess} rule
 * refuses gets readiness with the same status code and only {@code {"status":...}}. The default
 * rule is {@link MonitoringAccess#operators()}.
 *
 * <p>Responses carry {@code Cache-Control: no-store}. Other paths get 404.
 */
public final class HealthServlet extends HttpServlet {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private final transient HealthRegistry registry;
  private final transient MonitoringAccess access;

  /**
   * Creates the servlet; component details are shown to callers in the
   * {@value MonitoringAccess#OPERATOR_ROLE} role.
   *
   * @param registry the checks to run for readiness
   * @throws NullPointerException when {@code registry} is null
   */
  public HealthServlet(HealthRegistry registry) {
    this(registry, MonitoringAccess.operators());
  }

  /**
   * Creates the servlet.
   *
   * @param registry the checks to run for readiness
   * @param access who may read component details
   * @throws NullPointerException when an argument is null
   */
  public HealthServlet(HealthRegistry registry, MonitoringAccess access) {
    this.registry = Check.notNull(registry, "registry");
    this.access = Check.notNull(access, "access");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo();
    Map<String, Object> body;
    int status;
    if ("/live".equals(path)) {
      body = Map.of("status", HealthStatus.UP.name());
      status = HttpServletResponse.SC_OK;
    } else if (path == null || "/".equals(path) || "/ready".equals(path)) {
      HealthReport report = registry.check();
      body = access.decide(request) == MonitoringAccess.Decision.ALLOWED
          ? readiness(report) : Map.of("status", report.status().name());
      status = report.status() == HealthStatus.DOWN
          ? HttpServletResponse.SC_SERVICE_UNAVAILABLE : HttpServletResponse.SC_OK;
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json;charset=UTF-8");
    JSON.writeValue(response.getOutputStream(), body);
  }

  private static Map<String, Object> readiness(HealthReport report) {
    Map<String, Object> components = new LinkedHashMap<>();
    for (Map.Entry<String, ComponentHealth> entry : report.components().entrySet()) {
      ComponentHealth component = entry.getValue();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("status", component.health().status().name());
      if (component.health().message() != null) {
        json.put("message", component.health().message());
      }
      json.put("critical", component.critical());
      json.put("tookMillis", component.took().toNanos() / 1_000_000.0);
      if (!component.health().details().isEmpty()) {
        json.put("details", component.health().details());
      }
      components.put(entry.getKey(), json);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", report.status().name());
    body.put("components", components);
    return body;
  }
}
