package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * The shared part of the streaming writers: UTF-8 text straight to the response's output stream
 * (never its PrintWriter, which swallows I/O errors, so a client that disconnects surfaces as an
 * {@link IOException}), and a flush to the client every {@code flushEvery} rows. Memory is the
 * encoder's fixed buffer, whatever the row count.
 */
public final class RowSink implements AutoCloseable {
  private final HttpServletResponse response;
  private final Writer out;
  private final int flushEvery;
  private long rows;

  /**
   * Starts a stream: sets the content type and opens the output.
   *
   * @param response the response, not committed
   * @param contentType the content type, without charset
   * @param flushEvery rows between flushes, at least 1
   * @throws IOException when the output cannot be opened
   * @throws IllegalArgumentException when {@code flushEvery} is less than 1
   */
  public RowSink(HttpServletResponse response, String contentType, int flushEvery) throws IOException {
    if (flushEvery < 1) {
      throw new IllegalArgumentException("flushEvery must be at least 1, was " + flushEvery);
    }
    response.setContentType(contentType + ";charset=UTF-8");
    this.response = response;
    this.flushEvery = flushEvery;
    this.out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
  }

  /**
   * Returns the text output.
   *
   * @return the writer
   */
  public Writer out() {
    return out;
  }

  /**
   * Counts a finished row and flushes when due.
   *
   * @throws IOException when the client is gone
   */
  public void rowDone() throws IOException {
    if (++rows % flushEvery == 0) {
      flush();
    }
  }

  /**
   * Returns the rows written so far.
   *
   * @return the row count
   */
  public long rows() {
    return rows;
  }

  /**
   * Sends everything written so far to the client.
   *
   * @throws IOException when the client is gone
   */
  public void flush() throws IOException {
    out.flush();
    response.flushBuffer();
  }

  @Override
  public void close() throws IOException {
    flush();
  }
}
