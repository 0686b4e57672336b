package dev.hotpath.spring.boot.internal;

import dev.hotpath.servlet.MonitoringAccess;
import dev.hotpath.servlet.MonitoringAccess.Decision;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Applies a {@link MonitoringAccess} rule to the HTTP request being served, which Spring MVC's
 * {@code DispatcherServlet} (and so Actuator's web endpoints, on the main or the management
 * port) binds to the thread. A call outside any HTTP request (JMX, the application's own code)
 * is allowed: only operators reach those.
 */
public final class MonitoringGate implements DetailsGate {
  private final MonitoringAccess access;

  /**
   * Guards with a rule.
   *
   * @param access the rule
   */
  public MonitoringGate(MonitoringAccess access) {
    this.access = access;
  }

  /**
   * Decides for the current HTTP request.
   *
   * @return the rule's decision, or {@link Decision#ALLOWED} outside an HTTP request
   */
  public Decision decide() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes instanceof ServletRequestAttributes servlet) {
      return access.decide(servlet.getRequest());
    }
    return Decision.ALLOWED;
  }

  /**
   * Adds the Bearer challenge a 401 carries to the current response.
   *
   * @param decision the refusal
   * @return the status code of the refusal: 401 or 403
   */
  public int refuse(Decision decision) {
    boolean unauthenticated = decision == Decision.UNAUTHENTICATED;
    if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes servlet) {
      HttpServletResponse response = servlet.getResponse();
      if (response != null) {
        response.setHeader("Cache-Control", "no-store");
        if (unauthenticated) {
          response.setHeader("WWW-Authenticate", "Bearer");
        }
      }
    }
    return unauthenticated ? HttpServletResponse.SC_UNAUTHORIZED : HttpServletResponse.SC_FORBIDDEN;
  }

  @Override
  public boolean detailsAllowed() {
    return decide() == Decision.ALLOWED;
  }
}
