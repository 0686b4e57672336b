package dev.hotpath.benchmarks.servlet;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Runs filters in order and then an endpoint that writes a fixed JSON body, all in memory, so
 * the benchmark measures the filters and not a network.
 */
final class InMemoryChain implements FilterChain {
  private final Filter[] filters;
  private final byte[] body;
  private int next;

  InMemoryChain(byte[] body, Filter... filters) {
    this.filters = filters;
    this.body = body;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response)
      throws IOException, ServletException {
    if (next < filters.length) {
      filters[next++].doFilter(request, response, this);
      return;
    }
    HttpServletResponse http = (HttpServletResponse) response;
    http.setStatus(200);
    http.setContentType("application/json");
    http.getOutputStream().write(body);
    http.getOutputStream().flush(); // what JSON serializers do at the end of a body
  }
}
