package dev.hotpath.servlet;

import java.util.List;

/**
 * A whole response kept by {@link ResponseCacheFilter} in a {@link ResponseStore}: what to send
 * again and how long it may be. A plain record of strings, numbers and bytes, so a store can
 * serialize it (e.g. with Jackson, into Redis) and share it between nodes. Times are wall-clock
 * epoch milliseconds, comparable across nodes with synchronized clocks.
 *
 * @param status the HTTP status (200)
 * @param contentType the {@code Content-Type}, or null
 * @param headers each header the application and inner filters set, as its name followed by its
 *     values ({@code ["ETag", "\"ab12\""]}); never {@code Set-Cookie}
 * @param body the body bytes, as sent (compressed when an inner filter compressed them)
 * @param storedAtMillis when the response was stored
 * @param freshUntilMillis until when it is served without a refresh
 * @param staleUntilMillis until when it may be served stale while one request refreshes it
 * @param varyHeaders the request headers the response's {@code Vary} names that are not part of
 *     the key already (the key holds {@code Accept}, {@code Accept-Encoding},
 *     {@code Accept-Language} and, on routes that are not shared, the identity headers)
 * @param varyDigest a SHA-256 of those headers' values in the request that made it, so their
 *     values (which may be identities) are not stored
 */
public record CachedResponse(int status, String contentType, List<List<String>> headers,
    byte[] body, long storedAtMillis, long freshUntilMillis, long staleUntilMillis,
    List<String> varyHeaders, String varyDigest) {

  /**
   * Copies the lists, so the record is immutable.
   *
   * @param status the HTTP status
   * @param contentType the content type, or null
   * @param headers each header as its name followed by its values
   * @param body the body bytes
   * @param storedAtMillis when it was stored
   * @param freshUntilMillis until when it is fresh
   * @param staleUntilMillis until when it may be served stale
   * @param varyHeaders the request headers {@code Vary} names, outside the key
   * @param varyDigest the digest of their values, empty when none
   * @throws IllegalArgumentException when a list or the body is null
   */
  public CachedResponse {
    if (headers == null || body == null || varyHeaders == null) {
      throw new IllegalArgumentException("cached response headers, body and varyHeaders must not be null");
    }
    headers = headers.stream().map(List::copyOf).toList();
    varyHeaders = List.copyOf(varyHeaders);
  }

  /**
   * Returns the first value of a stored header.
   *
   * @param name the header name, any case
   * @return the value, or null when the response has none
   */
  public String header(String name) {
    for (List<String> header : headers) {
      if (header.get(0).equalsIgnoreCase(name) && header.size() > 1) {
        return header.get(1);
      }
    }
    return null;
  }
}
