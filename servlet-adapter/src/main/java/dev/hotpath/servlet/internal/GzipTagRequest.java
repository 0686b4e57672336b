package dev.hotpath.servlet.internal;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Shows the application the entity-tags of {@code If-None-Match} without the gzip suffix, so a
 * client holding {@code "abc-gzip"} revalidates against the application's {@code "abc"}.
 */
public final class GzipTagRequest extends HttpServletRequestWrapper {
  private static final String SUFFIX_END = GzipResponse.ETAG_SUFFIX + "\"";

  /**
   * Tells whether the request's If-None-Match carries a gzip-suffixed tag.
   *
   * @param request the request
   * @return true when some tag ends with the suffix
   */
  public static boolean hasGzipTags(HttpServletRequest request) {
    String value = request.getHeader("If-None-Match");
    return value != null && value.contains(SUFFIX_END);
  }

  /**
   * Returns the request as the client sent it, before any {@code GzipTagRequest} took the
   * suffix off its tags, so a filter inside can compare them with the variant it sends.
   *
   * @param request the request a filter received
   * @return the nearest request outside a {@code GzipTagRequest}, or {@code request} itself
   */
  public static HttpServletRequest original(HttpServletRequest request) {
    ServletRequest current = request;
    while (current instanceof ServletRequestWrapper wrapper) {
      if (current instanceof GzipTagRequest) {
        return (HttpServletRequest) wrapper.getRequest();
      }
      current = wrapper.getRequest();
    }
    return request;
  }

  /**
   * Wraps a request.
   *
   * @param request a request for which {@link #hasGzipTags} is true
   */
  public GzipTagRequest(HttpServletRequest request) {
    super(request);
  }

  @Override
  public String getHeader(String name) {
    String value = super.getHeader(name);
    return "If-None-Match".equalsIgnoreCase(name) && value != null ? strip(value) : value;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    Enumeration<String> values = super.getHeaders(name);
    if (!"If-None-Match".equalsIgnoreCase(name) || values == null) {
      return values;
    }
    List<String> stripped = Collections.list(values);
    stripped.replaceAll(GzipTagRequest::strip);
    return Collections.enumeration(stripped);
  }

  private static String strip(String value) {
    return value.replace(SUFFIX_END, "\"");
  }
}
