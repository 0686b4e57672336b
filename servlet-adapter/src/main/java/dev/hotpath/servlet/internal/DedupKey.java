package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;

/**
 * The identity of a request, shared by the de-dup filter (which requests may share one
 * execution) and the response cache (which requests may share one stored response). It holds
 * header values (Authorization, Cookie), so it never shows them: {@link #toString()}, which is
 * what ends up in exception messages and logs, names only a hash of the key, and
 * {@link #digest()} is what leaves the process (a Redis key).
 */
public final class DedupKey {
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  });

  private final String key;

  /**
   * Wraps the key text.
   *
   * @param key the unambiguous key text
   */
  public DedupKey(String key) {
    this.key = key;
  }

  /**
   * Builds the key of a request: the scope (the method for de-duplication, the route for the
   * response cache), the full effective request URI (scheme, host, port, path, query) and every
   * value of every key header in order. Each part is length-prefixed and each header ends with a
   * mark no length starts with, so no two different requests make equal keys, whatever their
   * values hold.
   *
   * @param scope what requests must share besides the URI and headers
   * @param request the request
   * @param keyHeaders the headers whose values tell requests apart
   * @return the key
   */
  public static DedupKey of(String scope, HttpServletRequest request, List<String> keyHeaders) {
    StringBuilder key = new StringBuilder(160);
    part(key, scope);
    part(key, request.getScheme());
    part(key, request.getServerName());
    key.append(request.getServerPort()).append(';');
    part(key, request.getRequestURI());
    String query = request.getQueryString();
    if (query == null) {
      key.append('-'); // no query, unlike an empty one ("/photos?")
    } else {
      part(key, query);
    }
    for (int i = 0; i < keyHeaders.size(); i++) {
      Enumeration<String> values = request.getHeaders(keyHeaders.get(i));
      while (values != null && values.hasMoreElements()) {
        part(key, values.nextElement());
      }
      key.append('.');
    }
    return new DedupKey(key.toString());
  }

  /**
   * Checks names given as identity headers, for the de-dup filter and the response cache alike.
   *
   * @param headers header names
   * @return an immutable copy
   * @throws IllegalArgumentException when a name is null, blank or contains a space or colon
   */
  public static List<String> identityHeaderNames(List<String> headers) {
    for (String header : headers) {
      if (header == null || header.isBlank() || header.contains(" ") || header.contains(":")) {
        throw new IllegalArgumentException("identity header must be a header name, was " + header);
      }
    }
    return List.copyOf(headers);
  }

  private static void part(StringBuilder key, String value) {
    key.append(value.length()).append(':').append(value);
  }

  /**
   * Returns the SHA-256 of the key text in hex: safe to store outside the process, and equal
   * exactly when the keys are (up to SHA-256 collisions).
   *
   * @return 64 hex digits
   */
  public String digest() {
    return HexFormat.of().formatHex(sha256().digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Returns this thread's SHA-256 digest, reset, so a digest per request costs no
   * {@code MessageDigest} (a cache hit digests its key, every time). Use it for one digest at a
   * time: {@code digest()} leaves it reset for the next.
   *
   * @return the thread's SHA-256
   */
  public static MessageDigest sha256() {
    MessageDigest sha = SHA_256.get();
    sha.reset();
    return sha;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DedupKey that && key.equals(that.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  /** Returns a hash of the key, never its text. */
  @Override
  public String toString() {
    return "dedup key #" + Integer.toHexString(key.hashCode());
  }
}
