package dev.hotpath.servlet.internal;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Switches a {@link BufferingResponse} to streaming when the application starts async
 * processing, on the thread that starts it: the held bytes go out before any async thread can
 * exist, so that thread never shares the buffer with the filter returning on the request's own
 * thread.
 */
public final class StreamOnAsyncRequest extends HttpServletRequestWrapper {
  private final BufferingResponse response;

  private StreamOnAsyncRequest(HttpServletRequest request, BufferingResponse response) {
    super(request);
    this.response = response;
  }

  /**
   * The request to pass down the chain with a buffering response.
   *
   * @param request the request
   * @param response the buffering response passed with it
   * @return the request itself when it cannot go async, else a wrapper that streams the
   *     response when it does
   */
  public static HttpServletRequest of(HttpServletRequest request, BufferingResponse response) {
    return request.isAsyncSupported() ? new StreamOnAsyncRequest(request, response) : request;
  }

  @Override
  public AsyncContext startAsync() {
    stream();
    return super.startAsync();
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    stream();
    return super.startAsync(request, response);
  }

  private void stream() {
    try {
      response.stream();
    } catch (IOException e) {
      throw new UncheckedIOException("sending the held response before async processing", e);
    }
  }
}
