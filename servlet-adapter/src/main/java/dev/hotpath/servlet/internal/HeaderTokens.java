package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;

/** Case-insensitive token tests on comma-separated header values, without allocation. */
public final class HeaderTokens {
  private HeaderTokens() {}

  /**
   * Tells whether a comma-separated value holds a member that is the token, or starts with the
   * token followed by {@code =} (a directive with an argument).
   *
   * @param value the header value, may be null
   * @param token the token, lower-case
   * @return true when present
   */
  public static boolean contains(String value, String token) {
    if (value == null) {
      return false;
    }
    int n = value.length();
    int i = 0;
    while (i < n) {
      while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t' || value.charAt(i) == ',')) {
        i++;
      }
      if (value.regionMatches(true, i, token, 0, token.length())) {
        int end = i + token.length();
        if (end == n || isDelimiter(value.charAt(end))) {
          return true;
        }
      }
      int comma = value.indexOf(',', i);
      i = comma < 0 ? n : comma + 1;
    }
    return false;
  }

  private static boolean isDelimiter(char c) {
    return c == ',' || c == ' ' || c == '\t' || c == '=' || c == ';';
  }

  /**
   * Tells whether any value of a response header holds the token.
   *
   * @param response the response
   * @param name the header name
   * @param token the token, lower-case
   * @return true when present
   */
  public static boolean responseContains(HttpServletResponse response, String name, String token) {
    if (!response.containsHeader(name)) {
      return false;
    }
    for (String value : response.getHeaders(name)) {
      if (contains(value, token)) {
        return true;
      }
    }
    return false;
  }
}
