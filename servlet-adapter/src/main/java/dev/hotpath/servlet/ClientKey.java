package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import dev.hotpath.servlet.internal.ForwardedClient;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;

/**
 * Tells which client a request comes from, for {@link RateLimitFilter}. The key is held in
 * memory only to find the client's limiter; it appears in no header, log line or metric.
 * Combine with {@link #orElse}: {@code apiKeyHeader("X-Api-Key").orElse(principal())
 * .orElse(remoteAddress(List.of("10.0.0.0/8")))}.
 */
@FunctionalInterface
public interface ClientKey {
  /**
   * Returns the client's key.
   *
   * @param request the request
   * @return the key, or null when this rule cannot tell (the next of {@link #orElse} is asked)
   */
  String of(HttpServletRequest request);

  /**
   * Asks the other rule when this one cannot tell. Keys of different rules never collide: each
   * is prefixed with its kind.
   *
   * @param other the fallback
   * @return the combined rule
   * @throws NullPointerException when {@code other} is null
   */
  default ClientKey orElse(ClientKey other) {
    Check.notNull(other, "other");
    return request -> {
      String key = of(request);
      return key != null ? key : other.of(request);
    };
  }

  /**
   * The value of an API key header. Clients can choose any value, so a client that rotates
   * keys escapes a per-key limit: combine with a limit by address where that matters.
   *
   * @param header the header name, e.g. {@code X-Api-Key}
   * @return the rule; null when the header is absent or blank
   * @throws NullPointerException when the header name is null
   * @throws IllegalArgumentException when the header name is blank or has a space or colon
   */
  static ClientKey apiKeyHeader(String header) {
    Check.notNull(header, "header");
    Check.argument(!header.isBlank() && !header.contains(" ") && !header.contains(":"),
        "API key header must be a header name, was %s", header);
    return request -> {
      String value = request.getHeader(header);
      return value == null || value.isBlank() ? null : "key:" + value;
    };
  }

  /**
   * The authenticated principal's name ({@link HttpServletRequest#getUserPrincipal}, which
   * Spring Security's request wrapper answers too).
   *
   * @return the rule; null for anonymous requests
   */
  static ClientKey principal() {
    return request -> {
      Principal principal = request.getUserPrincipal();
      return principal == null ? null : "user:" + principal.getName();
    };
  }

  /**
   * The remote address as the container sees it; never null. Use it alone when no proxy is in
   * front, or when the container already resolves forwarded addresses (Tomcat's
   * {@code RemoteIpValve}, Jetty's {@code ForwardedRequestCustomizer}).
   *
   * @return the rule
   */
  static ClientKey remoteAddress() {
    return remoteAddress(List.of());
  }

  /**
   * The client's address behind trusted proxies: when the connection comes from one of them,
   * the right-most {@code X-Forwarded-For} address that is not a trusted proxy (what the
   * nearest trusted proxy saw connect), else the connection's address. Entries a client wrote
   * itself sit left of that and are never used, so a client cannot choose its key.
   *
   * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8})
   * @return the rule; never null
   * @throws IllegalArgumentException when an entry is not an IP address or CIDR range (names
   *     are refused: no DNS lookups)
   */
  static ClientKey remoteAddress(List<String> trustedProxies) {
    ForwardedClient forwarded = new ForwardedClient(trustedProxies);
    return request -> "addr:" + forwarded.clientAddress(request);
  }
}
