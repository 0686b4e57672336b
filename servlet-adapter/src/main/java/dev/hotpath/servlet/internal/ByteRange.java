package dev.hotpath.servlet.internal;

/**
 * One byte range of a {@code Range: bytes=...} header (RFC 9110 section 14.1.2) resolved
 * against a body length. Only a single satisfiable range is served; anything else (several
 * ranges, other units, malformed or unsatisfiable values) is ignored, which RFC 9110 allows,
 * and the full representation is sent.
 *
 * @param first the first byte
 * @param last the last byte, inclusive
 */
public record ByteRange(int first, int last) {
  /**
   * Parses a Range header.
   *
   * @param header the field value, may be null
   * @param length the body length
   * @return the range, or null when the header is to be ignored
   */
  public static ByteRange parse(String header, int length) {
    if (header == null || !header.regionMatches(true, 0, "bytes=", 0, 6) || length == 0) {
      return null;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf(',') >= 0) {
      return null;
    }
    try {
      if (dash == 0) { // suffix range: the last n bytes
        long n = Long.parseLong(spec.substring(1));
        return n <= 0 ? null : new ByteRange((int) Math.max(0, length - n), length - 1);
      }
      long first = Long.parseLong(spec.substring(0, dash));
      long last = dash == spec.length() - 1 ? length - 1 : Long.parseLong(spec.substring(dash + 1));
      if (first < 0 || first >= length || last < first) {
        return null;
      }
      return new ByteRange((int) first, (int) Math.min(last, length - 1));
    } catch (NumberFormatException malformed) {
      return null;
    }
  }

  /**
   * Returns the number of bytes in the range.
   *
   * @return the length
   */
  public int length() {
    return last - first + 1;
  }

  /**
   * Returns the {@code Content-Range} value of this range.
   *
   * @param total the body length
   * @return e.g. {@code bytes 0-9/1000}
   */
  public String contentRange(int total) {
    return "bytes " + first + "-" + last + "/" + total;
  }
}
