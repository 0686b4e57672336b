package dev.hotpath.servlet.internal;

/**
 * Reads {@code Accept-Encoding} (RFC 9110 section 12.5.3) for gzip, in one pass without
 * allocation. {@code gzip} or {@code x-gzip} with a non-zero q-value allows gzip; without such a
 * member, {@code *} with a non-zero q-value does. A malformed q-value counts as 0, so junk
 * never turns compression on.
 */
public final class AcceptEncoding {
  private AcceptEncoding() {}

  /**
   * Tells whether the client accepts a gzip-coded response.
   *
   * @param header the Accept-Encoding value, may be null
   * @return true when gzip is acceptable
   */
  public static boolean allowsGzip(String header) {
    if (header == null) {
      return false;
    }
    int gzip = -1;
    int star = -1;
    int n = header.length();
    int i = 0;
    while (i < n) {
      int end = header.indexOf(',', i);
      if (end < 0) {
        end = n;
      }
      int start = skipSpaces(header, i, end);
      int semicolon = header.indexOf(';', start);
      int tokenEnd = semicolon < 0 || semicolon > end ? end : semicolon;
      int tokenLast = trimEnd(header, start, tokenEnd);
      int length = tokenLast - start;
      boolean isGzip = (length == 4 && header.regionMatches(true, start, "gzip", 0, 4))
          || (length == 6 && header.regionMatches(true, start, "x-gzip", 0, 6));
      boolean isStar = length == 1 && header.charAt(start) == '*';
      if (isGzip || isStar) {
        int q = tokenEnd < end ? qValue(header, tokenEnd + 1, end) : 1000;
        if (isGzip) {
          gzip = Math.max(gzip, q);
        } else {
          star = Math.max(star, q);
        }
      }
      i = end + 1;
    }
    return gzip >= 0 ? gzip > 0 : star > 0;
  }

  /** Returns the q-value in thousandths from parameters in [from, to), 1000 if absent, 0 if malformed. */
  private static int qValue(String s, int from, int to) {
    int i = skipSpaces(s, from, to);
    if (i + 2 > to || (s.charAt(i) != 'q' && s.charAt(i) != 'Q') || s.charAt(i + 1) != '=') {
      return i >= to ? 1000 : 0;
    }
    i += 2;
    int last = trimEnd(s, i, to);
    if (i >= last) {
      return 0;
    }
    char lead = s.charAt(i);
    if (lead != '0' && lead != '1') {
      return 0;
    }
    int value = (lead - '0') * 1000;
    i++;
    if (i < last) {
      if (s.charAt(i) != '.' || last - i - 1 > 3) {
        return 0;
      }
      int scale = 100;
      for (int j = i + 1; j < last; j++, scale /= 10) {
        char d = s.charAt(j);
        if (d < '0' || d > '9') {
          return 0;
        }
        value += (d - '0') * scale;
      }
    }
    return value > 1000 ? 0 : value;
  }

  private static int skipSpaces(String s, int i, int end) {
    while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int trimEnd(String s, int start, int end) {
    while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return end;
  }
}
