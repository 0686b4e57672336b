package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished response (status, the headers the chain set, body) that can be written again to
 * other responses. Immutable once built.
 */
public final class CapturedResponse {
  /** Headers never copied: the container or outer filters set them per response. */
  private static final List<String> PER_RESPONSE =
      List.of("content-length", "content-type", "date", "server-timing");

  private final int status;
  private final String contentType;
  private final List<List<String>> headers;
  private final byte[] body;

  private CapturedResponse(int status, String contentType, List<List<String>> headers,
      byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.headers = headers;
    this.body = body;
  }

  /** @return the status */
  public int status() {
    return status;
  }

  /** @return the content type, or null */
  public String contentType() {
    return contentType;
  }

  /** @return each header as its name followed by its values, unmodifiable */
  public List<List<String>> headers() {
    return headers;
  }

  /** @return the body; do not modify */
  public byte[] body() {
    return body;
  }

  /**
   * Records the response's headers before the chain runs, to tell later which the chain set.
   *
   * @param response the response
   * @return header name to values, usually empty
   */
  public static Map<String, List<String>> headersOf(HttpServletResponse response) {
    Collection<String> names = response.getHeaderNames();
    if (names.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> headers = new HashMap<>();
    for (String name : names) {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), new ArrayList<>(response.getHeaders(name)));
    }
    return headers;
  }

  /**
   * Captures a buffered response, or returns null when it must not be shared: it sets a cookie
   * (a session started for one client must never reach another).
   *
   * @param response the buffered response, after the chain
   * @param before the headers recorded by {@link #headersOf} before the chain
   * @param body the body bytes
   * @param length the body length
   * @return the capture, or null when not shareable
   */
  public static CapturedResponse capture(HttpServletResponse response,
      Map<String, List<String>> before, byte[] body, int length) {
    if (response.containsHeader("Set-Cookie")) {
      return null;
    }
    List<List<String>> headers = new ArrayList<>();
    for (String name : response.getHeaderNames()) {
      String lower = name.toLowerCase(java.util.Locale.ROOT);
      if (PER_RESPONSE.contains(lower)) {
        continue;
      }
      Collection<String> values = response.getHeaders(name);
      if (values.equals(before.get(lower))) {
        continue;
      }
      List<String> copy = new ArrayList<>(values.size() + 1);
      copy.add(name);
      copy.addAll(values);
      headers.add(List.copyOf(copy));
    }
    byte[] bytes = new byte[length];
    System.arraycopy(body, 0, bytes, 0, length);
    return new CapturedResponse(response.getStatus(), response.getContentType(),
        List.copyOf(headers), bytes);
  }

  /**
   * Writes the captured response to another response.
   *
   * @param response the target, not yet committed
   * @throws IOException when writing fails
   */
  public void replay(HttpServletResponse response) throws IOException {
    replay(response, status, contentType, headers, body);
  }

  /**
   * Writes a stored response to another response as it is stored, copying neither the headers
   * nor the body (a response cache hit).
   *
   * @param response the target, not yet committed
   * @param status the status
   * @param contentType the content type, or null
   * @param headers each header as its name followed by its values
   * @param body the body, written as it is
   * @throws IOException when writing fails
   */
  public static void replay(HttpServletResponse response, int status, String contentType,
      List<List<String>> headers, byte[] body) throws IOException {
    response.setStatus(status);
    if (contentType != null) {
      response.setContentType(contentType);
    }
    for (int h = 0; h < headers.size(); h++) {
      List<String> header = headers.get(h);
      String name = header.get(0);
      for (int i = 1; i < header.size(); i++) {
        if (i == 1) {
          response.setHeader(name, header.get(i));
        } else {
          response.addHeader(name, header.get(i));
        }
      }
    }
    if (body.length > 0 || status >= 200 && status != 204 && status != 304) {
      response.setContentLength(body.length);
    }
    if (body.length > 0) {
      response.getOutputStream().write(body);
    }
  }
}
