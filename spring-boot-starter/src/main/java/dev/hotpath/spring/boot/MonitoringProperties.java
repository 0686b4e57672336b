package dev.hotpath.spring.boot;

import dev.hotpath.servlet.MonitoringAccess;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code hotpath.monitoring.*}: who may read hotpath's monitoring details over HTTP, the
 * Actuator endpoint {@code hotpath} and the details of the {@code hotpath} health component.
 * Unset, the starter leaves both to Actuator's exposure settings and the application's Spring
 * Security rules; set, callers the rule refuses get 401 (with a Bearer challenge) or 403 and no
 * report, and the health component's status without its details.
 *
 * @param access {@code token}, {@code role} or {@code none} (anyone); default {@code token}
 *     when a token is set, else unset
 * @param token the bearer token for {@code access=token}, at least 16 characters; from your
 *     secrets (an environment variable), never from a committed file
 * @param role the servlet security role for {@code access=role}, as
 *     {@code HttpServletRequest.isUserInRole} answers it (Spring Security: the authority
 *     {@code ROLE_<role>})
 */
public record MonitoringProperties(
    Access access,
    String token,
    @DefaultValue(MonitoringAccess.OPERATOR_ROLE) String role) {

  static final String PREFIX = "hotpath.monitoring";

  /** The kinds of access rule. */
  public enum Access {
    /** {@code Authorization: Bearer <token>} with {@code hotpath.monitoring.token}. */
    TOKEN,
    /** Callers in {@code hotpath.monitoring.role}. */
    ROLE,
    /** Everyone: the details are protected elsewhere (Spring Security, a management port). */
    NONE
  }

  /**
   * Binds the values, taking {@code access=token} when only a token is set.
   *
   * @param access the bound value
   * @param token the bound value
   * @param role the bound value
   */
  public MonitoringProperties {
    if (access == null && token != null) {
      access = Access.TOKEN;
    }
  }

  /** The rule, or null when none is configured or a part was rejected (recorded). */
  MonitoringAccess rule(Checks checks) {
    if (access == null) {
      return null;
    }
    return switch (access) {
      case TOKEN -> {
        if (token == null || token.isBlank()) {
          checks.reject(PREFIX + ".token", "access=token needs a token");
          yield null;
        }
        yield checks.get(PREFIX + ".token", () -> MonitoringAccess.bearerToken(token));
      }
      case ROLE -> checks.get(PREFIX + ".role", () -> MonitoringAccess.role(role));
      case NONE -> MonitoringAccess.anyone();
    };
  }

  /** Leaves the token out. */
  @Override
  public String toString() {
    return "MonitoringProperties[access=" + access + ", role=" + role + "]";
  }
}
