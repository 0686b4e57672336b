package dev.hotpath.servlet.internal;

import dev.hotpath.servlet.MonitoringAccess;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers a monitoring request a {@link MonitoringAccess} rule refused: a status, no data. */
public final class AccessRefusal {
  private AccessRefusal() {}

  /**
   * Applies the rule and, when it refuses, answers 401 (with a Bearer challenge) or 403 with an
   * empty body.
   *
   * @param access the rule
   * @param request the request
   * @param response the response, not yet committed
   * @return true when the request was refused and answered
   */
  public static boolean refused(MonitoringAccess access, HttpServletRequest request,
      HttpServletResponse response) {
    MonitoringAccess.Decision decision = access.decide(request);
    if (decision == MonitoringAccess.Decision.ALLOWED) {
      return false;
    }
    answer(decision, response);
    return true;
  }

  /**
   * Answers a refusal: 401 with {@code WWW-Authenticate: Bearer} or 403, no-store, no body.
   *
   * @param decision a refusing decision
   * @param response the response, not yet committed
   */
  public static void answer(MonitoringAccess.Decision decision, HttpServletResponse response) {
    response.setHeader("Cache-Control", "no-store");
    if (decision == MonitoringAccess.Decision.UNAUTHENTICATED) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"hotpath-monitoring\"");
    } else {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    }
    response.setContentLength(0);
  }
}
