package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.RowSink;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Streams a JSON array element by element ({@code application/json}), in constant memory. Each
 * element is JSON text the caller produced (with any JSON library). Close it to end the array.
 *
 * <pre>{@code
 * try (JsonArrayWriter array = JsonArrayWriter.open(response)) {
 *   for (Photo p : photos) array.element(mapper.writeValueAsString(p));
 * }
 * }</pre>
 *
 * <p>Not thread-safe. Methods throw {@link IOException} when the client disconnects.
 */
public final class JsonArrayWriter implements AutoCloseable {
  private final RowSink sink;

  private JsonArrayWriter(RowSink sink) throws IOException {
    this.sink = sink;
    sink.out().write('[');
  }

  /**
   * Starts an array, flushing after every element.
   *
   * @param response the response, not committed
   * @return the writer
   * @throws IOException when the output cannot be opened
   */
  public static JsonArrayWriter open(HttpServletResponse response) throws IOException {
    return open(response, 1);
  }

  /**
   * Starts an array.
   *
   * @param response the response, not committed
   * @param flushEvery elements between flushes to the client, at least 1
   * @return the writer
   * @throws IOException when the output cannot be opened
   * @throws IllegalArgumentException when {@code flushEvery} is less than 1
   */
  public static JsonArrayWriter open(HttpServletResponse response, int flushEvery) throws IOException {
    return new JsonArrayWriter(new RowSink(response, "application/json", flushEvery));
  }

  /**
   * Writes one element.
   *
   * @param json the element as JSON text
   * @throws IOException when the client is gone
   * @throws IllegalArgumentException when {@code json} is null or blank
   */
  public void element(String json) throws IOException {
    if (json == null || json.isBlank()) {
      throw new IllegalArgumentException("JSON element must not be blank, was " + json);
    }
    if (sink.rows() > 0) {
      sink.out().write(',');
    }
    sink.out().write(json);
    sink.rowDone();
  }

  /**
   * Ends the array and flushes.
   *
   * @throws IOException when the client is gone
   */
  @Override
  public void close() throws IOException {
    sink.out().write(']');
    sink.close();
  }
}
