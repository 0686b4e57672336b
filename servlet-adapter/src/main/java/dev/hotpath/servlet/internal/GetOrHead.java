package dev.hotpath.servlet.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The request methods whose responses may be cached, tagged or shared: GET and HEAD (not every
 * safe method: OPTIONS and TRACE responses are none of these).
 */
public final class GetOrHead {
  private GetOrHead() {}

  /**
   * Passes a request that is not GET or HEAD straight down the chain.
   *
   * @param request the request
   * @param response the response
   * @param chain the rest of the chain
   * @return true when the request was passed on (the filter must do nothing more)
   * @throws IOException from the chain
   * @throws ServletException from the chain
   */
  public static boolean passedOnIfNeither(HttpServletRequest request,
      HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
    String method = request.getMethod();
    if ("GET".equals(method) || "HEAD".equals(method)) {
      return false;
    }
    chain.doFilter(request, response);
    return true;
  }
}
