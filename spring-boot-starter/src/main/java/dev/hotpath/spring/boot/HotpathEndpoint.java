package dev.hotpath.spring.boot;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.metrics.BudgetMonitor;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.PerformanceReport;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The Actuator endpoint {@code hotpath}: the {@link PerformanceReport} of the shared registry
 * (every route, statement shape, cache and guard recorded, slowest first, and the state of each
 * budget). Expose it over HTTP with {@code management.endpoints.web.exposure.include=hotpath}.
 */
@Endpoint(id = "hotpath")
public final class HotpathEndpoint {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final LatencyRegistry registry;
  private final BudgetMonitor budgets;

  /**
   * Creates the endpoint.
   *
   * @param registry the registry reported on
   * @param budgets the monitor whose budget states are reported
   */
  public HotpathEndpoint(LatencyRegistry registry, BudgetMonitor budgets) {
    this.registry = registry;
    this.budgets = budgets;
  }

  /**
   * Captures the report now.
   *
   * @return the report in the form of {@link PerformanceReport#toJson()}, which Actuator writes
   *     back as the same JSON
   */
  @ReadOperation
  public Map<String, Object> report() {
    String json = PerformanceReport.capture(registry, budgets).toJson();
    try {
      return JSON.readValue(json, MAP);
    } catch (java.io.IOException unreadable) {
      throw new IllegalStateException("the performance report wrote JSON it cannot read back",
          unreadable);
    }
  }
}
