package dev.hotpath.servlet.internal;

import dev.hotpath.servlet.CachedResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Decides whether a rendered response may be stored, for how long, and captures it. */
public final class CacheableResponse {
  private CacheableResponse() {}

  /**
   * Captures a buffered 200 as a {@link CachedResponse}, or returns null when it must not be
   * stored: another status, a cookie, {@code no-store}, {@code private} on a shared route,
   * {@code Vary: *}, or a {@code max-age} of zero.
   *
   * @param route the route's rule
   * @param request the request that rendered it
   * @param buffered the response, after the chain
   * @param before the headers set before the chain
   * @param body the buffered body, or null when empty
   * @param now the time, epoch milliseconds
   * @return the entry, or null
   */
  public static CachedResponse capture(ResponseCacheRoute route, HttpServletRequest request,
      HttpServletResponse buffered, Map<String, List<String>> before, BodyBuffer body, long now) {
    if (buffered.getStatus() != HttpServletResponse.SC_OK) {
      return null;
    }
    Collection<String> cacheControl = buffered.getHeaders("Cache-Control");
    long ttl = route.rule().ttl().toMillis();
    boolean shared = route.rule().isShared();
    for (String value : cacheControl) {
      if (HeaderTokens.contains(value, "no-store") || shared && HeaderTokens.contains(value, "private")) {
        return null;
      }
    }
    long maxAge = seconds(cacheControl, shared ? "s-maxage" : "max-age");
    if (maxAge < 0 && shared) {
      maxAge = seconds(cacheControl, "max-age");
    }
    if (maxAge >= 0) {
      ttl = Math.min(ttl, maxAge * 1000);
    }
    // Only the varying headers that are not part of the key need comparing on a hit: the key
    // (Accept-Encoding, identities...) already tells those apart, and every hit saves a digest.
    List<String> vary = new ArrayList<>();
    for (String value : buffered.getHeaders("Vary")) {
      for (String name : value.split(",")) {
        String header = name.strip();
        if ("*".equals(header)) {
          return null;
        }
        if (!header.isEmpty() && !containsIgnoreCase(route.keyHeaders(), header)) {
          vary.add(header);
        }
      }
    }
    if (ttl <= 0) {
      return null;
    }
    CapturedResponse captured = CapturedResponse.capture(buffered, before,
        body == null ? new byte[0] : body.array(), body == null ? 0 : body.size());
    if (captured == null) {
      return null;
    }
    long swr = route.rule().staleWhileRevalidateWindow().toMillis();
    return new CachedResponse(captured.status(), captured.contentType(), captured.headers(),
        captured.body(),
        now, now + ttl, now + ttl + swr, vary, vary.isEmpty() ? "" : varyDigest(request, vary));
  }

  private static boolean containsIgnoreCase(List<String> names, String name) {
    for (String candidate : names) {
      if (candidate.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Digests the values of the headers a response varies on, so they can be compared without
   * being stored.
   *
   * @param request the request
   * @param vary the header names
   * @return a SHA-256 in hex
   */
  public static String varyDigest(HttpServletRequest request, List<String> vary) {
    return DedupKey.of("vary", request, vary).digest();
  }

  /**
   * Tells whether {@code If-Modified-Since} is at or after {@code Last-Modified}.
   *
   * @param ifModifiedSince the request header, or null
   * @param lastModified the stored header
   * @return true when 304 applies; false when either date is not an HTTP date
   */
  public static boolean notModifiedSince(String ifModifiedSince, String lastModified) {
    if (ifModifiedSince == null) {
      return false;
    }
    try {
      ZonedDateTime since = ZonedDateTime.parse(ifModifiedSince, DateTimeFormatter.RFC_1123_DATE_TIME);
      ZonedDateTime modified = ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME);
      return !modified.isAfter(since);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** The seconds of a directive such as {@code max-age=60}, or -1 when absent or malformed. */
  private static long seconds(Collection<String> cacheControl, String directive) {
    for (String value : cacheControl) {
      for (String part : value.split(",")) {
        String token = part.strip().toLowerCase(Locale.ROOT);
        if (token.startsWith(directive + "=")) {
          try {
            return Math.max(0, Long.parseLong(token.substring(directive.length() + 1).replace("\"", "")));
          } catch (NumberFormatException e) {
            return 0; // a malformed lifetime is stale at once (RFC 9111 section 4.2.1)
          }
        }
      }
    }
    return -1;
  }
}
