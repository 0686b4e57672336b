package dev.hotpath.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * Gzips a response body as it is written. The first {@code minSize} bytes are held until the
 * decision can be made (size, status, content type, existing {@code Content-Encoding},
 * {@code Cache-Control: no-transform}); a flush decides at once, so streams compress as they
 * flow. A compressed response loses its {@code Content-Length}, gets {@code Content-Encoding:
 * gzip}, and its entity-tag gets the suffix {@code -gzip} inside the quotes, because the
 * compressed bytes are a different representation.
 */
public final class GzipResponse extends BodyRewritingResponse {
  /** The suffix put inside the quotes of the entity-tag of a gzip-coded representation. */
  public static final String ETAG_SUFFIX = "-gzip";

  private enum State { UNDECIDED, GZIP, IDENTITY }

  private final int minSize;
  private final int level;
  private final Predicate<String> compressible;
  private final boolean clientAcceptsGzip;
  private final boolean clientSentGzipTags;
  private State state = State.UNDECIDED;
  private boolean tagChosenInside;
  private byte[] pending;
  private int pendingSize;
  private GzipEncoder encoder;
  private ServletOutputStream target;

  /**
   * Wraps a response.
   *
   * @param response the response
   * @param minSize smallest body compressed
   * @param level deflate level
   * @param compressible tells whether a content type (without parameters, lower case) compresses
   * @param clientAcceptsGzip whether the request's Accept-Encoding allows gzip
   * @param clientSentGzipTags whether the request's If-None-Match carried suffixed tags
   */
  public GzipResponse(HttpServletResponse response, int minSize, int level,
      Predicate<String> compressible, boolean clientAcceptsGzip, boolean clientSentGzipTags) {
    super(response);
    this.minSize = minSize;
    this.level = level;
    this.compressible = compressible;
    this.clientAcceptsGzip = clientAcceptsGzip;
    this.clientSentGzipTags = clientSentGzipTags;
  }

  /**
   * Adds the suffix inside the quotes of an entity-tag, keeping a weak prefix.
   *
   * @param etag the tag, e.g. {@code "abc"} or {@code W/"abc"}
   * @return the gzip variant, e.g. {@code "abc-gzip"}, or the input when not a quoted tag
   */
  public static String suffixed(String etag) {
    if (etag == null || etag.length() < 2 || etag.charAt(etag.length() - 1) != '"'
        || etag.endsWith(ETAG_SUFFIX + "\"")) {
      return etag;
    }
    return etag.substring(0, etag.length() - 1) + ETAG_SUFFIX + "\"";
  }

  private boolean eligible(boolean complete) {
    int status = getStatus();
    if (!successWithBody(status) || !compressibleType()) {
      return false;
    }
    // The response varies by Accept-Encoding whenever it could have been compressed; a 206
    // carries the Vary of the 200 it is part of (RFC 9110 section 15.3.7), but ranges are
    // served from the identity bytes, never from gzip ones.
    addVary();
    if (status == SC_PARTIAL_CONTENT || !allowedForThisRequest()) {
      return false;
    }
    if (declaredLength() >= 0 && declaredLength() < minSize) {
      return false;
    }
    return !complete || pendingSize >= minSize;
  }

  private boolean allowedForThisRequest() {
    return clientAcceptsGzip && !containsHeader("Content-Encoding")
        && !HeaderTokens.responseContains(this, "Cache-Control", "no-transform");
  }

  /**
   * Returns the entity-tag a complete 200 body of this length will go out with, so that the
   * filter inside can evaluate conditional requests against the representation the client
   * gets, not the one it would have got without compression. From then on the tag is the
   * inner filter's choice: a 304 keeps the tag it set.
   *
   * @param response the response the inner filter writes to, possibly wrapping this one
   * @param etag the identity representation's tag
   * @param length the body length
   * @return {@code etag} with the gzip suffix when the body will be compressed, else {@code etag}
   */
  public static String representationTag(HttpServletResponse response, String etag, int length) {
    ServletResponse current = response;
    while (current instanceof ServletResponseWrapper wrapper) {
      if (current instanceof GzipResponse gzip) {
        gzip.tagChosenInside = true;
        return gzip.eligibleWhole(length) ? suffixed(etag) : etag;
      }
      current = wrapper.getResponse();
    }
    return etag;
  }

  /**
   * Like {@link #representationTag(HttpServletResponse, String, int)}, for a complete 200 not
   * written yet (a stored response about to be replayed): its content type is given, not read.
   *
   * @param response the response the inner filter writes to, possibly wrapping this one
   * @param etag the identity representation's tag
   * @param length the body length
   * @param contentType the content type the body will be sent with, or null
   * @return {@code etag} with the gzip suffix when the body will be compressed, else {@code etag}
   */
  public static String representationTag(HttpServletResponse response, String etag, int length,
      String contentType) {
    ServletResponse current = response;
    while (current instanceof ServletResponseWrapper wrapper) {
      if (current instanceof GzipResponse gzip) {
        gzip.tagChosenInside = true;
        return gzip.eligibleWhole(SC_OK, contentType, length) ? suffixed(etag) : etag;
      }
      current = wrapper.getResponse();
    }
    return etag;
  }

  private boolean eligibleWhole(int length) {
    return eligibleWhole(getStatus(), getContentType(), length);
  }

  private boolean eligibleWhole(int status, String contentType, int length) {
    return successWithBody(status) && status != SC_PARTIAL_CONTENT
        && contentType != null && compressible.test(mediaType(contentType))
        && allowedForThisRequest() && length >= minSize;
  }

  private static boolean successWithBody(int status) {
    return status >= 200 && status < 300 && status != SC_NO_CONTENT;
  }

  private boolean compressibleType() {
    String type = getContentType();
    return type != null && compressible.test(mediaType(type));
  }

  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    return type.toLowerCase(java.util.Locale.ROOT);
  }

  private void addVary() {
    if (!HeaderTokens.responseContains(this, "Vary", "accept-encoding")
        && !HeaderTokens.responseContains(this, "Vary", "*")) {
      super.addHeader("Vary", "Accept-Encoding");
    }
  }

  private void decide(boolean complete) throws IOException {
    target = getResponse().getOutputStream();
    if (eligible(complete)) {
      state = State.GZIP;
      super.setHeader("Content-Encoding", "gzip");
      if (containsHeader("Accept-Ranges")) {
        // Ranges are of the identity bytes; a client must not ask for ranges of these.
        super.setHeader("Accept-Ranges", "none");
      }
      String etag = getHeader("ETag");
      if (etag != null) {
        super.setHeader("ETag", suffixed(etag));
      }
      encoder = GzipEncoder.acquire(level);
      encoder.start(target);
      if (pendingSize > 0) {
        encoder.write(pending, 0, pendingSize, target);
      }
    } else {
      state = State.IDENTITY;
      if (declaredLength() >= 0) {
        super.setContentLengthLong(declaredLength());
      }
      if (pendingSize > 0) {
        target.write(pending, 0, pendingSize);
      }
    }
    pending = null;
  }

  /**
   * Completes the response after the chain: decides if still undecided, ends the gzip stream,
   * and gives a 304 the tag form the client holds.
   *
   * @throws IOException when writing fails
   */
  public void finish() throws IOException {
    flushWriter();
    if (getStatus() == SC_NOT_MODIFIED) {
      addVary();
      if (!tagChosenInside && clientAcceptsGzip && clientSentGzipTags && getHeader("ETag") != null) {
        super.setHeader("ETag", suffixed(getHeader("ETag")));
      }
    }
    if (state == State.UNDECIDED && (pendingSize > 0 || getStatus() != SC_NOT_MODIFIED)) {
      if (pendingSize == 0 && declaredLength() <= 0) {
        state = State.IDENTITY; // nothing to compress
      } else {
        decide(true);
      }
    }
    if (state == State.GZIP) {
      encoder.finish(target);
    }
  }

  /** Returns the pooled encoder; call in a finally block. */
  public void release() {
    if (encoder != null) {
      encoder.release();
      encoder = null;
    }
  }

  @Override
  protected ServletOutputStream newOutput() {
    return new Output();
  }

  @Override
  protected boolean passesContentLength() {
    return state == State.IDENTITY;
  }

  @Override
  protected void beforeErrorOrRedirect(int status) {
    // An error page or redirect is not this body: nothing to compress yet.
  }

  @Override
  public void setHeader(String name, String value) {
    super.setHeader(name, state == State.GZIP && "ETag".equalsIgnoreCase(name) ? suffixed(value) : value);
  }

  @Override
  public void flushBuffer() throws IOException {
    if (openedOutput() != null) {
      flushWriter();
      openedOutput().flush();
    }
    super.flushBuffer();
  }

  @Override
  public void resetBuffer() {
    if (state == State.UNDECIDED) {
      pendingSize = 0;
    }
    super.resetBuffer();
  }

  @Override
  public void reset() {
    if (state == State.UNDECIDED) {
      pendingSize = 0;
      clearDeclaredLength();
    }
    super.reset();
  }

  private final class Output extends ServletOutputStream {
    private final byte[] single = new byte[1];

    @Override
    public void write(int b) throws IOException {
      single[0] = (byte) b;
      write(single, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      if (state == State.UNDECIDED) {
        if (pendingSize + length < minSize) {
          if (pending == null) {
            pending = new byte[minSize];
          }
          System.arraycopy(bytes, offset, pending, pendingSize, length);
          pendingSize += length;
          return;
        }
        pendingSizeReached(bytes, offset, length);
        return;
      }
      if (state == State.GZIP) {
        encoder.write(bytes, offset, length, target);
      } else {
        target.write(bytes, offset, length);
      }
    }

    private void pendingSizeReached(byte[] bytes, int offset, int length) throws IOException {
      decide(false);
      write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
      if (state == State.UNDECIDED) {
        decide(false);
      }
      if (state == State.GZIP) {
        encoder.flush(target);
      }
      target.flush();
    }

    @Override
    public void close() throws IOException {
      // Closing means the body is complete. The filter ends the gzip stream after the chain.
      if (state == State.UNDECIDED) {
        decide(true);
      }
    }

    @Override
    public boolean isReady() {
      return target == null || target.isReady();
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      try {
        if (state == State.UNDECIDED) {
          decide(false);
        }
        target.setWriteListener(listener);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
