package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * A response wrapper that learns of every {@code sendError} and {@code sendRedirect} just before
 * it happens: both commit the response, so a filter that holds or adds something must act first.
 */
public abstract class HookedResponse extends HttpServletResponseWrapper {
  /**
   * Wraps a response.
   *
   * @param response the response
   */
  protected HookedResponse(HttpServletResponse response) {
    super(response);
  }

  /**
   * Runs before an error or redirect is sent.
   *
   * @param status the status being sent: the error code, or the redirect's 3xx
   * @throws IOException when the hook must write and fails
   */
  protected abstract void beforeErrorOrRedirect(int status) throws IOException;

  @Override
  public void sendError(int sc, String msg) throws IOException {
    beforeErrorOrRedirect(sc);
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    beforeErrorOrRedirect(sc);
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    beforeErrorOrRedirect(SC_FOUND);
    super.sendRedirect(location);
  }

  @Override
  public void sendRedirect(String location, int sc) throws IOException {
    beforeErrorOrRedirect(sc);
    super.sendRedirect(location, sc);
  }

  @Override
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    beforeErrorOrRedirect(SC_FOUND);
    super.sendRedirect(location, clearBuffer);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    beforeErrorOrRedirect(sc);
    super.sendRedirect(location, sc, clearBuffer);
  }
}
