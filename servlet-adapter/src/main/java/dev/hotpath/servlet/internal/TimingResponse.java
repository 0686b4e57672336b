package dev.hotpath.servlet.internal;

import dev.hotpath.core.ServerTiming;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Sets {@code Server-Timing} just before the response can commit: at the first write, flush,
 * error or redirect, or after the chain when nothing was written. Headers set after a commit
 * are lost, so the header carries the time up to the first byte of the body.
 */
public final class TimingResponse extends HookedResponse {
  private final ServerTiming timing;
  private final long startNanos;
  private boolean headerSet;
  private ServletOutputStream output;
  private PrintWriter writer;

  /**
   * Wraps a response.
   *
   * @param response the response
   * @param timing the request's entries
   * @param startNanos when the request started, from {@link System#nanoTime()}
   */
  public TimingResponse(HttpServletResponse response, ServerTiming timing, long startNanos) {
    super(response);
    this.timing = timing;
    this.startNanos = startNanos;
  }

  /** Sets the header now unless it was set or the response is committed. */
  public void beforeCommit() {
    if (!headerSet) {
      headerSet = true;
      if (!isCommitted()) {
        super.setHeader("Server-Timing", timing.headerValue(System.nanoTime() - startNanos));
      }
    }
  }

  @Override
  public ServletOutputStream getOutputStream() throws IOException {
    if (output == null) {
      output = new Output(super.getOutputStream());
    }
    return output;
  }

  @Override
  public PrintWriter getWriter() throws IOException {
    if (writer == null) {
      writer = new PrintWriter(new HookedWriter(super.getWriter()), false);
    }
    return writer;
  }

  @Override
  public void flushBuffer() throws IOException {
    beforeCommit();
    super.flushBuffer();
  }

  @Override
  protected void beforeErrorOrRedirect(int status) {
    beforeCommit();
  }

  private final class Output extends ServletOutputStream {
    private final ServletOutputStream out;

    Output(ServletOutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      beforeCommit();
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      beforeCommit();
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      beforeCommit();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      beforeCommit();
      out.close();
    }

    @Override
    public boolean isReady() {
      return out.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      beforeCommit();
      out.setWriteListener(listener);
    }
  }

  private final class HookedWriter extends Writer {
    private final PrintWriter out;

    HookedWriter(PrintWriter out) {
      this.out = out;
    }

    @Override
    public void write(char[] chars, int off, int len) {
      beforeCommit();
      out.write(chars, off, len);
    }

    @Override
    public void write(String s, int off, int len) {
      beforeCommit();
      out.write(s, off, len);
    }

    @Override
    public void flush() {
      beforeCommit();
      out.flush();
    }

    @Override
    public void close() {
      beforeCommit();
      out.close();
    }
  }
}
