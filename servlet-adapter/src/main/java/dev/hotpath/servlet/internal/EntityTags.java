package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * Entity-tag formatting and evaluation of {@code If-Match} (strong comparison),
 * {@code If-None-Match} (weak comparison) and {@code If-Range} (strong), RFC 9110 section 13. Parsing
 * is a single pass over the header without allocation; malformed members are skipped, so a
 * hostile header costs time linear in its length (which the container already bounds) and can
 * never match by accident.
 */
public final class EntityTags {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EntityTags() {}

  /**
   * Formats a 64-bit hash as a strong entity-tag: a quoted run of 16 hex digits.
   *
   * @param hash the body hash
   * @return the quoted tag, e.g. {@code "0123456789abcdef"}
   */
  public static String strong(long hash) {
    char[] chars = new char[18];
    chars[0] = '"';
    for (int i = 16; i >= 1; i--) {
      chars[i] = HEX[(int) (hash & 0xF)];
      hash >>>= 4;
    }
    chars[17] = '"';
    return new String(chars);
  }

  /**
   * Tells whether any {@code If-None-Match} header of the request matches the tag by the weak
   * comparison (which is what RFC 9110 prescribes for If-None-Match).
   *
   * @param request the request
   * @param etag the current entity-tag, strong or weak
   * @return true when the request's cached copy is current, so 304 applies
   */
  public static boolean noneMatchFails(HttpServletRequest request, String etag) {
    return anyLineMatches(request, "If-None-Match", etag, false);
  }

  /**
   * Tells whether the request has an {@code If-Match} header that no member matches by the
   * strong comparison (RFC 9110 section 13.1.1), so 412 applies.
   *
   * @param request the request
   * @param etag the current entity-tag
   * @return true when the precondition fails
   */
  public static boolean ifMatchFails(HttpServletRequest request, String etag) {
    return request.getHeader("If-Match") != null && !anyLineMatches(request, "If-Match", etag, true);
  }

  /**
   * Tells whether an {@code If-Range} value is an entity-tag (not an HTTP date).
   *
   * @param value the field value, may be null
   * @return true for {@code "..."} and {@code W/"..."}
   */
  public static boolean isEntityTag(String value) {
    return value != null && (value.startsWith("\"") || value.startsWith("W/\""));
  }

  /**
   * Compares an {@code If-Range} entity-tag with the current one by the strong comparison
   * (RFC 9110 section 13.1.5): both strong and equal character for character.
   *
   * @param ifRange the field value
   * @param etag the current entity-tag
   * @return true when the range may be served
   */
  public static boolean rangeValidatorMatches(String ifRange, String etag) {
    return !etag.startsWith("W/") && ifRange.trim().equals(etag);
  }

  private static boolean anyLineMatches(HttpServletRequest request, String name, String etag,
      boolean strong) {
    String first = request.getHeader(name);
    if (first == null) {
      return false;
    }
    if (matches(first, etag, strong)) {
      return true;
    }
    Enumeration<String> all = request.getHeaders(name);
    if (all == null) {
      return false;
    }
    all.nextElement(); // the first line, already checked
    while (all.hasMoreElements()) {
      if (matches(all.nextElement(), etag, strong)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Evaluates one {@code If-None-Match} field value: {@code *} or a comma-separated list of
   * entity-tags.
   *
   * @param header the field value
   * @param etag the current entity-tag, strong or weak
   * @return true when a member matches by the weak comparison, or the value is {@code *}
   */
  public static boolean matchesAny(String header, String etag) {
    return matches(header, etag, false);
  }

  /**
   * Evaluates a list of entity-tags against the current one; the strong comparison also
   * requires that neither tag is weak.
   */
  private static boolean matches(String header, String etag, boolean strong) {
    boolean currentWeak = etag.startsWith("W/");
    int tagStart = currentWeak ? 2 : 0;
    int tagLength = etag.length() - tagStart;
    int n = header.length();
    int i = 0;
    while (i < n) {
      char c = header.charAt(i);
      if (c == ' ' || c == '\t' || c == ',') {
        i++;
        continue;
      }
      if (c == '*') {
        // "*" is only valid as the whole field value; inside a list it is malformed.
        if (skipSpaces(header, 0) == i && skipSpaces(header, i + 1) == n) {
          return true;
        }
        i = skipMember(header, i);
        continue;
      }
      boolean memberWeak = c == 'W' && i + 1 < n && header.charAt(i + 1) == '/';
      if (memberWeak) {
        i += 2;
      }
      if (i >= n || header.charAt(i) != '"') {
        i = skipMember(header, i);
        continue;
      }
      int close = header.indexOf('"', i + 1);
      if (close < 0) {
        return false;
      }
      if (close - i + 1 == tagLength && header.regionMatches(i, etag, tagStart, tagLength)
          && !(strong && (memberWeak || currentWeak))) {
        return true;
      }
      i = close + 1;
    }
    return false;
  }

  private static int skipSpaces(String s, int i) {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipMember(String s, int i) {
    int comma = s.indexOf(',', i);
    return comma < 0 ? s.length() : comma + 1;
  }
}
