package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.internal.BearerToken;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Decides who may read monitoring details: the component details of {@link HealthServlet}'s
 * readiness, and everything {@link MetricsServlet} serves (the performance report, Prometheus
 * text, the SSE stream). Those list routes, SQL fingerprints and component internals, so only
 * operators should see them. Liveness and the bare readiness status stay open to everyone, as
 * load balancers need them.
 *
 * <p>Rules combine with {@link #or}: {@code bearerToken(token).or(role("ops"))}. Implementations
 * must be thread-safe and cheap; they run on every monitoring request.
 */
@FunctionalInterface
public interface MonitoringAccess {
  /** The servlet security role {@link #operators()} requires. */
  String OPERATOR_ROLE = "hotpath-operator";

  /** What a rule decided about one request. */
  enum Decision {
    /** The caller may read the details. */
    ALLOWED,
    /** The caller did not prove who it is: answered with 401 and a Bearer challenge. */
    UNAUTHENTICATED,
    /** The caller is known, or the rule needs no credentials, but may not read: 403. */
    FORBIDDEN
  }

  /**
   * Decides whether the request may read monitoring details.
   *
   * @param request the request
   * @return the decision, never null
   */
  Decision decide(HttpServletRequest request);

  /**
   * Allows this rule's callers and the other's: allowed when either allows; otherwise
   * {@link Decision#UNAUTHENTICATED} when either asks for credentials, so the client learns it
   * may retry with them, else {@link Decision#FORBIDDEN}.
   *
   * @param other the other rule
   * @return the combined rule
   * @throws NullPointerException when {@code other} is null
   */
  default MonitoringAccess or(MonitoringAccess other) {
    Check.notNull(other, "other");
    return request -> {
      Decision first = decide(request);
      if (first == Decision.ALLOWED) {
        return first;
      }
      Decision second = other.decide(request);
      if (second == Decision.ALLOWED || second == Decision.UNAUTHENTICATED) {
        return second;
      }
      return first;
    };
  }

  /**
   * The default of both servlets: callers in the servlet security role
   * {@value #OPERATOR_ROLE}, so anonymous callers never see details.
   *
   * @return {@code role(OPERATOR_ROLE)}
   */
  static MonitoringAccess operators() {
    return role(OPERATOR_ROLE);
  }

  /**
   * Callers that send {@code Authorization: Bearer <token>} with this token. The comparison
   * takes the same time whatever the sent token is, and the token appears in no message, log
   * line or {@code toString()}.
   *
   * @param token the secret, from configuration; at least 16 characters, no whitespace
   * @return the rule
   * @throws NullPointerException when the token is null
   * @throws IllegalArgumentException when the token is shorter than 16 characters or contains
   *     whitespace (the message never shows it)
   */
  static MonitoringAccess bearerToken(String token) {
    return new BearerToken(token);
  }

  /**
   * Callers in a servlet security role, as {@link HttpServletRequest#isUserInRole} tells: the
   * container's authentication, or Spring Security's request wrapper, which answers from the
   * granted authorities ({@code ROLE_} prefix stripped).
   *
   * @param role the role name
   * @return the rule; callers outside the role get 403
   * @throws NullPointerException when the role is null
   * @throws IllegalArgumentException when the role is blank
   */
  static MonitoringAccess role(String role) {
    Check.notBlank(role, "role");
    return request -> request.isUserInRole(role) ? Decision.ALLOWED : Decision.FORBIDDEN;
  }

  /**
   * Callers that reached the server on a management port: the request's local port
   * ({@link HttpServletRequest#getLocalPort}) equals {@code port}. Bind that connector to an
   * address only operators reach (loopback, an internal network); deploying the servlets only
   * in a context served by that connector is stronger still.
   *
   * @param port the management port, 1 to 65535
   * @return the rule; requests on other ports get 403
   * @throws IllegalArgumentException when the port is out of range
   */
  static MonitoringAccess localPort(int port) {
    Check.argument(port >= 1 && port <= 65_535, "management port must be 1 to 65535, was %d", port);
    return request -> request.getLocalPort() == port ? Decision.ALLOWED : Decision.FORBIDDEN;
  }

  /**
   * Everyone: for a servlet deployed where only operators reach it (a management-only context,
   * or behind Spring Security's own rule for the path).
   *
   * @return a rule that allows every request
   */
  static MonitoringAccess anyone() {
    return request -> Decision.ALLOWED;
  }
}
