package dev.hotpath.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * A response wrapper that owns the body's output (its writer encodes into its own stream) and
 * holds back the declared {@code Content-Length} while the body may still change size (buffered
 * or compressed).
 */
public abstract class BodyRewritingResponse extends HookedResponse {
  private static final String CONTENT_LENGTH = "Content-Length";

  private long declaredLength = -1;
  private ServletOutputStream output;
  private PrintWriter writer;

  /**
   * Wraps a response.
   *
   * @param response the response
   */
  protected BodyRewritingResponse(HttpServletResponse response) {
    super(response);
  }

  /**
   * Creates the stream the body is written to; called once.
   *
   * @return the stream
   */
  protected abstract ServletOutputStream newOutput();

  /**
   * Tells whether Content-Length passes straight to the wrapped response now.
   *
   * @return true when the body goes out unchanged from here on
   */
  protected abstract boolean passesContentLength();

  /**
   * Returns the Content-Length the application declared while it was held back.
   *
   * @return the length, or -1 if none
   */
  public long declaredLength() {
    return declaredLength;
  }

  /** Forgets the held-back Content-Length (after a reset). */
  protected void clearDeclaredLength() {
    declaredLength = -1;
  }

  /** Pushes characters held in the writer's encoder into the output stream. */
  protected void flushWriter() {
    if (writer != null) {
      writer.flush();
    }
  }

  /**
   * Returns the output stream if the application opened one.
   *
   * @return the stream, or null
   */
  protected ServletOutputStream openedOutput() {
    return output;
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (writer != null) {
      throw new IllegalStateException("getWriter() was already called on this response");
    }
    if (output == null) {
      output = newOutput();
    }
    return output;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      if (output != null) {
        throw new IllegalStateException("getOutputStream() was already called on this response");
      }
      output = newOutput();
      writer = new PrintWriter(
          new OutputStreamWriter(output, Charset.forName(getCharacterEncoding())), false);
    }
    return writer;
  }

  @Override
  public void setContentLength(int len) {
    setContentLengthLong(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    if (passesContentLength()) {
      super.setContentLengthLong(len);
    } else {
      declaredLength = len;
    }
  }

  @Override
  public void setHeader(String name, String value) {
    if (!holdLength(name, value)) {
      super.setHeader(name, value);
    }
  }

  @Override
  public void addHeader(String name, String value) {
    if (!holdLength(name, value)) {
      super.addHeader(name, value);
    }
  }

  @Override
  public void setIntHeader(String name, int value) {
    if (!holdLength(name, Integer.toString(value))) {
      super.setIntHeader(name, value);
    }
  }

  @Override
  public void addIntHeader(String name, int value) {
    if (!holdLength(name, Integer.toString(value))) {
      super.addIntHeader(name, value);
    }
  }

  private boolean holdLength(String name, String value) {
    if (passesContentLength() || !CONTENT_LENGTH.equalsIgnoreCase(name)) {
      return false;
    }
    try {
      declaredLength = value == null ? -1 : Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      declaredLength = -1;
    }
    return true;
  }
}
