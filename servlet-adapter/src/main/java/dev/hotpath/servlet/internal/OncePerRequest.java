package dev.hotpath.servlet.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Makes each kind of hotpath filter act once per request, however often it is in the chain:
 * Spring Boot registers every {@code Filter} bean by itself, so an application that also calls
 * {@code Hotpath.install} has each filter twice. A nested second de-dup filter would wait for
 * its own execution, a second compression filter would see a body it cannot tag. Only the
 * container's {@code REQUEST} dispatch is acted on: forwards, includes, error pages and async
 * dispatches of a request that was already handled pass straight through.
 */
public final class OncePerRequest {
  /** One attribute for all filters, a bit per kind: a small Integer is cached, so no allocation. */
  private static final String ACTING = "dev.hotpath.servlet.acting";

  /** The bit of {@code TimingFilter}. */
  public static final int TIMING = 1;
  /** The bit of {@code DedupFilter}. */
  public static final int DEDUP = 2;
  /** The bit of {@code CacheControlFilter}. */
  public static final int CACHE_CONTROL = 4;
  /** The bit of {@code CompressionFilter}. */
  public static final int COMPRESSION = 8;
  /** The bit of {@code EtagFilter}. */
  public static final int ETAG = 16;
  /** The bit of {@code RateLimitFilter}. */
  public static final int RATE_LIMIT = 32;
  /** The bit of {@code ResponseCacheFilter}. */
  public static final int RESPONSE_CACHE = 64;

  private OncePerRequest() {}

  /**
   * Passes the request down the chain when it is not a REQUEST dispatch or a filter of the
   * same kind already acts on it; otherwise marks it as acted on by that kind.
   *
   * @param request the request
   * @param response the response
   * @param chain the rest of the chain
   * @param kind the bit of the filter's kind
   * @return true when the request was passed on (the filter must do nothing more)
   * @throws IOException from the chain
   * @throws ServletException from the chain
   */
  public static boolean passedOn(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain, int kind) throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.REQUEST) {
      int acting = request.getAttribute(ACTING) instanceof Integer bits ? bits : 0;
      if ((acting & kind) == 0) {
        request.setAttribute(ACTING, acting | kind);
        return false;
      }
    }
    chain.doFilter(request, response);
    return true;
  }
}
