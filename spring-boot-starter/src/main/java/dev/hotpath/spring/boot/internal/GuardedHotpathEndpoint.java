package dev.hotpath.spring.boot.internal;

import dev.hotpath.servlet.MonitoringAccess.Decision;
import dev.hotpath.spring.boot.HotpathEndpoint;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The web side of {@link HotpathEndpoint} under {@code hotpath.monitoring}: the report for the
 * callers the rule allows, a 401 (with a Bearer challenge) or 403 without a body for the rest.
 *
 * @param endpoint the endpoint whose report is guarded
 * @param gate the rule for the current request
 */
@EndpointWebExtension(endpoint = HotpathEndpoint.class)
public record GuardedHotpathEndpoint(HotpathEndpoint endpoint, MonitoringGate gate) {

  /**
   * Captures the report for an allowed caller.
   *
   * @return the report, or an empty 401/403
   */
  @ReadOperation
  public WebEndpointResponse<Map<String, Object>> report() {
    Decision decision = gate.decide();
    if (decision == Decision.ALLOWED) {
      return new WebEndpointResponse<>(endpoint.report());
    }
    return new WebEndpointResponse<>(gate.refuse(decision));
  }
}
