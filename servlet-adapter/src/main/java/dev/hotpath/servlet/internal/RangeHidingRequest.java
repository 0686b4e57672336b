package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Hides {@code Range} and {@code If-Range} from the application, so it renders the full
 * representation: an {@code If-Range} carrying a tag the ETag filter made can be evaluated only
 * once the body, and so the current tag, is known. The filter then serves the range itself or,
 * when the tag is not current, the full 200 (RFC 9110 section 13.1.5).
 */
public final class RangeHidingRequest extends HttpServletRequestWrapper {
  /**
   * Wraps a request.
   *
   * @param request a GET with {@code Range} and an entity-tag {@code If-Range}
   */
  public RangeHidingRequest(HttpServletRequest request) {
    super(request);
  }

  private static boolean hidden(String name) {
    return "Range".equalsIgnoreCase(name) || "If-Range".equalsIgnoreCase(name);
  }

  @Override
  public String getHeader(String name) {
    return hidden(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
  }

  @Override
  public long getDateHeader(String name) {
    return hidden(name) ? -1 : super.getDateHeader(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    List<String> names = Collections.list(super.getHeaderNames());
    names.removeIf(RangeHidingRequest::hidden);
    return Collections.enumeration(names);
  }
}
