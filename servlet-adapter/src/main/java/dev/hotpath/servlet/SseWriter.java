package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.RowSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;

/**
 * Writes Server-Sent Events ({@code text/event-stream}), each event flushed to the client at
 * once. Multi-line data becomes several {@code data:} lines, as the format requires. Not
 * thread-safe. Methods throw {@link IOException} when the client disconnects, which is how a
 * sender learns to stop.
 */
public final class SseWriter implements AutoCloseable {
  private final RowSink sink;

  private SseWriter(RowSink sink) {
    this.sink = sink;
  }

  /**
   * Starts an event stream; also sets {@code Cache-Control: no-store}.
   *
   * @param response the response, not committed
   * @return the writer
   * @throws IOException when the output cannot be opened
   */
  public static SseWriter open(HttpServletResponse response) throws IOException {
    response.setHeader("Cache-Control", "no-store");
    SseWriter writer = new SseWriter(new RowSink(response, "text/event-stream", 1));
    writer.sink.flush(); // commit the headers so the client sees the stream open
    return writer;
  }

  /**
   * Sends an unnamed event.
   *
   * @param data the data, may span lines
   * @throws IOException when the client is gone
   */
  public void data(String data) throws IOException {
    event(null, null, data);
  }

  /**
   * Sends an event.
   *
   * @param name the event type, or null for the default {@code message}
   * @param id the event id, or null
   * @param data the data, may span lines
   * @throws IOException when the client is gone
   * @throws IllegalArgumentException when {@code name} or {@code id} contains a line break, or
   *     {@code data} is null
   */
  public void event(String name, String id, String data) throws IOException {
    requireSingleLine("event name", name);
    requireSingleLine("event id", id);
    if (data == null) {
      throw new IllegalArgumentException("event data must not be null");
    }
    Writer out = sink.out();
    if (name != null) {
      out.write("event: ");
      out.write(name);
      out.write('\n');
    }
    if (id != null) {
      out.write("id: ");
      out.write(id);
      out.write('\n');
    }
    int start = 0;
    while (true) {
      int end = data.indexOf('\n', start);
      out.write("data: ");
      out.write(data, start, (end < 0 ? data.length() : end) - start);
      out.write('\n');
      if (end < 0) {
        break;
      }
      start = end + 1;
    }
    out.write('\n');
    sink.rowDone();
  }

  /**
   * Sends a comment line, e.g. a heartbeat that keeps proxies from closing an idle stream.
   *
   * @param text the comment, single line
   * @throws IOException when the client is gone
   * @throws IllegalArgumentException when {@code text} contains a line break
   */
  public void comment(String text) throws IOException {
    requireSingleLine("comment", text);
    sink.out().write(": ");
    sink.out().write(text == null ? "" : text);
    sink.out().write("\n\n");
    sink.rowDone();
  }

  private static void requireSingleLine(String what, String value) {
    if (value != null && (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0)) {
      throw new IllegalArgumentException(what + " must be a single line, was " + value);
    }
  }

  /**
   * Flushes what is left; the stream ends when the response completes.
   *
   * @throws IOException when the client is gone
   */
  @Override
  public void close() throws IOException {
    sink.close();
  }
}
