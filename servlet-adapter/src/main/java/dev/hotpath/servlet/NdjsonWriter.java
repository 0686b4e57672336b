package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.RowSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Streams newline-delimited JSON ({@code application/x-ndjson}): one JSON text per line, in
 * constant memory. Not thread-safe. Methods throw {@link IOException} when the client
 * disconnects.
 */
public final class NdjsonWriter implements AutoCloseable {
  private final RowSink sink;

  private NdjsonWriter(RowSink sink) {
    this.sink = sink;
  }

  /**
   * Starts a stream, flushing after every line.
   *
   * @param response the response, not committed
   * @return the writer
   * @throws IOException when the output cannot be opened
   */
  public static NdjsonWriter open(HttpServletResponse response) throws IOException {
    return open(response, 1);
  }

  /**
   * Starts a stream.
   *
   * @param response the response, not committed
   * @param flushEvery lines between flushes to the client, at least 1
   * @return the writer
   * @throws IOException when the output cannot be opened
   * @throws IllegalArgumentException when {@code flushEvery} is less than 1
   */
  public static NdjsonWriter open(HttpServletResponse response, int flushEvery) throws IOException {
    return new NdjsonWriter(new RowSink(response, "application/x-ndjson", flushEvery));
  }

  /**
   * Writes one line.
   *
   * @param json one JSON text without line breaks
   * @throws IOException when the client is gone
   * @throws IllegalArgumentException when {@code json} is blank or contains a line break
   */
  public void line(String json) throws IOException {
    if (json == null || json.isBlank() || json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) {
      throw new IllegalArgumentException("NDJSON line must be non-blank JSON without line breaks, was " + json);
    }
    sink.out().write(json);
    sink.out().write('\n');
    sink.rowDone();
  }

  /**
   * Flushes what is left.
   *
   * @throws IOException when the client is gone
   */
  @Override
  public void close() throws IOException {
    sink.close();
  }
}
