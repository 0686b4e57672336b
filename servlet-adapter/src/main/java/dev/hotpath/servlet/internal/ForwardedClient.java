package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Finds the client's address behind trusted proxies from {@code X-Forwarded-For}: each proxy
 * appends the address that connected to it, so walking from the right, the first address that
 * is not a trusted proxy is the last one a trusted proxy wrote, and everything left of it may
 * be the client's own invention.
 */
public final class ForwardedClient {
  private final List<AddressRange> trusted;

  /**
   * Parses the trusted proxies.
   *
   * @param trustedProxies addresses or CIDR ranges
   * @throws IllegalArgumentException when an entry is neither
   */
  public ForwardedClient(List<String> trustedProxies) {
    if (trustedProxies == null) {
      throw new IllegalArgumentException("trusted proxies must not be null; use an empty list");
    }
    List<AddressRange> ranges = new ArrayList<>();
    for (String proxy : trustedProxies) {
      ranges.add(AddressRange.parse(proxy));
    }
    this.trusted = List.copyOf(ranges);
  }

  /**
   * Returns the client's address.
   *
   * @param request the request
   * @return the forwarded address when the connection comes from a trusted proxy and it sent a
   *     usable one, the connection's address otherwise
   */
  public String clientAddress(HttpServletRequest request) {
    String remote = request.getRemoteAddr();
    if (trusted.isEmpty() || !isTrusted(remote)) {
      return remote;
    }
    Enumeration<String> headers = request.getHeaders("X-Forwarded-For");
    List<String> hops = new ArrayList<>();
    for (String header : headers == null ? List.<String>of() : Collections.list(headers)) {
      for (String hop : header.split(",")) {
        hops.add(hop.strip());
      }
    }
    String client = remote;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (AddressRange.literal(hop) == null) {
        return client; // a proxy wrote garbage: stop at the last address we can trust
      }
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    for (AddressRange range : trusted) {
      if (range.contains(address)) {
        return true;
      }
    }
    return false;
  }
}
