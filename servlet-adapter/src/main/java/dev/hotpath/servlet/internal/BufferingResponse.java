package dev.hotpath.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Holds a response body in a pooled buffer, up to a limit, so a filter can look at the whole
 * body before anything is sent (to hash it, or to share it). The response switches to
 * streaming, and the buffered bytes go out, as soon as it shows it is not a small finished
 * body: the body outgrows the limit, more bytes follow a flush, the content type is a stream
 * ({@code text/event-stream}, {@code application/x-ndjson}), a write listener is set, the
 * application starts async processing (through {@link StreamOnAsyncRequest}, before any async
 * thread can write), or an error or redirect is sent.
 *
 * <p>A flush, of the stream or by {@code flushBuffer()}, is deferred while the body is held: a
 * flush at the very end of the body (JSON serializers flush the stream, Spring MVC calls
 * {@code flushBuffer()} after a {@code ResponseEntity}) keeps the response buffered. When more
 * bytes follow it, the application streams: the held bytes go out and are flushed before the
 * new ones, so each flushed chunk reaches the client once the next one is written.
 */
public final class BufferingResponse extends BodyRewritingResponse {
  private final int limit;
  private BodyBuffer buffer;
  private boolean streaming;
  private boolean flushPending;
  private boolean contentTypeChecked;

  /**
   * Wraps a response.
   *
   * @param response the response to buffer for
   * @param limit the largest body, in bytes, held before streaming
   */
  public BufferingResponse(HttpServletResponse response, int limit) {
    super(response);
    this.limit = limit;
  }

  /**
   * Tells whether the body is still held (nothing of it sent yet).
   *
   * @return true while buffering
   */
  public boolean isBuffering() {
    return !streaming;
  }

  /**
   * Drains the writer and returns the held body; call only while {@link #isBuffering()}.
   *
   * @return the buffered bytes, or null when the application wrote nothing
   */
  public BodyBuffer body() {
    flushWriter();
    return buffer;
  }

  /**
   * Stops buffering: the held bytes go out now and later writes pass straight through.
   *
   * @throws IOException when writing to the client fails
   */
  public void stream() throws IOException {
    if (streaming) {
      return;
    }
    flushWriter();
    streaming = true;
    if (declaredLength() >= 0) {
      super.setContentLengthLong(declaredLength());
    }
    sendHeld();
    if (flushPending) {
      // What the application flushed while it was held reaches the client now.
      flushPending = false;
      getResponse().getOutputStream().flush();
    }
  }

  /**
   * Sends the held body with an exact {@code Content-Length} and ends buffering.
   *
   * @throws IOException when writing to the client fails
   */
  public void commitBody() throws IOException {
    if (streaming) {
      return;
    }
    BodyBuffer held = body();
    int size = held == null ? 0 : held.size();
    int status = getStatus();
    // Streaming first: only then does the length pass through instead of being held back.
    streaming = true;
    if (status >= 200 && status != SC_NO_CONTENT && status != SC_NOT_MODIFIED) {
      // A HEAD handled without writing the body keeps the length the application declared.
      super.setContentLengthLong(size == 0 && declaredLength() > 0 ? declaredLength() : size);
    }
    sendHeld();
  }

  /**
   * Sends part of the held body (a 206) with an exact {@code Content-Length} and ends
   * buffering; the caller has set the status and {@code Content-Range}.
   *
   * @param offset the first byte sent
   * @param length how many bytes to send
   * @throws IOException when writing to the client fails
   */
  public void commitRange(int offset, int length) throws IOException {
    BodyBuffer held = body();
    streaming = true;
    super.setContentLengthLong(length);
    buffer = null;
    try {
      getResponse().getOutputStream().write(held.array(), offset, length);
    } finally {
      held.release();
    }
  }

  /** Writes the held bytes to the wrapped response and gives the buffer back to the pool. */
  private void sendHeld() throws IOException {
    BodyBuffer held = buffer;
    buffer = null;
    if (held != null) {
      try {
        held.writeTo(getResponse().getOutputStream());
      } finally {
        held.release();
      }
    }
  }

  /** Drops the held body (a 304 carries none) and ends buffering. */
  public void discardBody() {
    streaming = true;
    releaseBuffer();
  }

  /** Returns the buffer to the pool; safe to call more than once, e.g. in a finally block. */
  public void releaseBuffer() {
    BodyBuffer held = buffer;
    buffer = null;
    if (held != null) {
      held.release();
    }
  }

  private void bypass() {
    streaming = true;
    releaseBuffer();
  }

  @Override
  protected ServletOutputStream newOutput() {
    return new Output();
  }

  @Override
  protected boolean passesContentLength() {
    return streaming;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (streaming) {
      // The writer encodes into this wrapper's own stream: its bytes are part of the buffer.
      flushWriter();
      super.flushBuffer();
    } else {
      flushWriter();
      deferFlush();
    }
  }

  /** Notes a flush of held bytes: sent with the next write, dropped if the body ends here. */
  private void deferFlush() {
    flushPending = buffer != null && buffer.size() > 0;
  }

  @Override
  public void resetBuffer() {
    if (streaming) {
      super.resetBuffer();
      return;
    }
    flushWriter();
    if (buffer != null) {
      buffer.clear();
    }
    flushPending = false;
  }

  @Override
  public void reset() {
    if (!streaming) {
      resetBuffer();
      clearDeclaredLength();
      contentTypeChecked = false;
    }
    super.reset();
  }

  @Override
  protected void beforeErrorOrRedirect(int status) {
    bypass();
  }

  /** Decides, before each write, whether the bytes may still be held. */
  private boolean holds(int length) throws IOException {
    if (streaming) {
      return false;
    }
    if (!contentTypeChecked) {
      contentTypeChecked = true;
      if (isStreamType(getContentType())) {
        stream();
        return false;
      }
    }
    if (flushPending) {
      // Bytes after a flush: the application streams. Send what it flushed, then go on.
      stream();
      return false;
    }
    if (buffer == null) {
      buffer = BodyBuffer.acquire();
    }
    if (buffer.size() + length > limit) {
      stream();
      return false;
    }
    return true;
  }

  /** Server-sent events and NDJSON are streams by definition: each flush must reach the client. */
  private static boolean isStreamType(String contentType) {
    return contentType != null
        && (contentType.regionMatches(true, 0, "text/event-stream", 0, 17)
            || contentType.regionMatches(true, 0, "application/x-ndjson", 0, 20));
  }

  private final class Output extends ServletOutputStream {
    @Override
    public void write(int b) throws IOException {
      if (holds(1)) {
        buffer.write(b);
      } else {
        getResponse().getOutputStream().write(b);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (holds(length)) {
        buffer.write(bytes, offset, length);
      } else {
        getResponse().getOutputStream().write(bytes, offset, length);
      }
    }

    @Override
    public void flush() throws IOException {
      if (streaming) {
        getResponse().getOutputStream().flush();
      } else {
        deferFlush();
      }
    }

    @Override
    public void close() throws IOException {
      if (streaming) {
        getResponse().getOutputStream().close();
      }
    }

    @Override
    public boolean isReady() {
      try {
        return !streaming || getResponse().getOutputStream().isReady();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      try {
        stream();
        getResponse().getOutputStream().setWriteListener(listener);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
