package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.RowSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Streams CSV ({@code text/csv}) as RFC 4180 describes it: CRLF line ends, and a field quoted
 * when it holds a comma, a quote, CR or LF, with quotes doubled. Constant memory for any row
 * count. Not thread-safe. Methods throw {@link IOException} when the client disconnects.
 */
public final class CsvWriter implements AutoCloseable {
  private final RowSink sink;

  private CsvWriter(RowSink sink) {
    this.sink = sink;
  }

  /**
   * Starts a stream, flushing after every row.
   *
   * @param response the response, not committed
   * @return the writer
   * @throws IOException when the output cannot be opened
   */
  public static CsvWriter open(HttpServletResponse response) throws IOException {
    return open(response, 1);
  }

  /**
   * Starts a stream.
   *
   * @param response the response, not committed
   * @param flushEvery rows between flushes to the client, at least 1
   * @return the writer
   * @throws IOException when the output cannot be opened
   * @throws IllegalArgumentException when {@code flushEvery} is less than 1
   */
  public static CsvWriter open(HttpServletResponse response, int flushEvery) throws IOException {
    return new CsvWriter(new RowSink(response, "text/csv", flushEvery));
  }

  /**
   * Writes one row; null fields are written empty, others with {@code toString()}.
   *
   * @param fields the fields
   * @throws IOException when the client is gone
   */
  public void row(Object... fields) throws IOException {
    row(List.of(fields.length == 0 ? new Object[] {""} : replaceNulls(fields)));
  }

  private static Object[] replaceNulls(Object[] fields) {
    Object[] copy = fields.clone();
    for (int i = 0; i < copy.length; i++) {
      if (copy[i] == null) {
        copy[i] = "";
      }
    }
    return copy;
  }

  /**
   * Writes one row.
   *
   * @param fields the fields, written with {@code toString()}
   * @throws IOException when the client is gone
   */
  public void row(List<?> fields) throws IOException {
    Writer out = sink.out();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      Object field = fields.get(i);
      writeField(out, field == null ? "" : field.toString());
    }
    out.write("\r\n");
    sink.rowDone();
  }

  private static void writeField(Writer out, String value) throws IOException {
    boolean quote = false;
    for (int i = 0; i < value.length() && !quote; i++) {
      char c = value.charAt(i);
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      out.write(value);
      return;
    }
    out.write('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        out.write('"');
      }
      out.write(c);
    }
    out.write('"');
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
