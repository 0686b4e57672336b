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
   * @throws IOException when the hook must write and fails
   */
  protected abstract void beforeErrorOrRedirect() throws IOException;

  @Override
  public void sendError(int sc, String msg) throws IOException {
    beforeErrorOrRedirect();
    super.sendError(sc, msg);
  }

  @Override
  public void sendError(int sc) throws IOException {
    beforeErrorOrRedirect();
    super.sendError(sc);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    beforeErrorOrRedirect();
    super.sendRedirect(location);
  }

  @Override
  public void sendRedirect(String location, int sc) throws IOException {
    beforeErrorOrRedirect();
    super.sendRedirect(location, sc);
  }

  @Override
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    beforeErrorOrRedirect();
    super.sendRedirect(location, clearBuffer);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    beforeErrorOrRedirect();
    super.sendRedirect(location, sc, clearBuffer);
  }
}
