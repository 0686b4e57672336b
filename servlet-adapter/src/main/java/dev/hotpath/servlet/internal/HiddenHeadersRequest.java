package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Hides some request headers from everything further down the chain. */
public class HiddenHeadersRequest extends HttpServletRequestWrapper {
  private final List<String> hidden;

  /**
   * Wraps a request.
   *
   * @param request the request
   * @param hidden the header names to hide, any case
   */
  public HiddenHeadersRequest(HttpServletRequest request, String... hidden) {
    super(request);
    this.hidden = List.of(hidden);
  }

  private boolean hidden(String name) {
    for (String header : hidden) {
      if (header.equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
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
    names.removeIf(this::hidden);
    return Collections.enumeration(names);
  }
}
