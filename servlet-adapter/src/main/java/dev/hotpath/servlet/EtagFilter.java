package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.GetOrHead;
import dev.hotpath.servlet.internal.BodyBuffer;
import dev.hotpath.servlet.internal.BufferingResponse;
import dev.hotpath.servlet.internal.ByteRange;
import dev.hotpath.servlet.internal.EntityTags;
import dev.hotpath.servlet.internal.GzipResponse;
import dev.hotpath.servlet.internal.GzipTagRequest;
import dev.hotpath.servlet.internal.HeaderTokens;
import dev.hotpath.servlet.internal.RangeHidingRequest;
import dev.hotpath.servlet.internal.StreamOnAsyncRequest;
import dev.hotpath.servlet.internal.Xxh64;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds a strong {@code ETag} computed from the response body and evaluates the conditional
 * requests that depend on it (RFC 9110 section 13): {@code If-Match} by the strong comparison
 * ({@code 412} when nothing matches), {@code If-None-Match} by the weak comparison ({@code 304}
 * with no body), and {@code If-Range} with an entity-tag by the strong comparison: the
 * application is shown the request without {@code Range}, and this filter sends the single
 * range asked for ({@code 206} with {@code Content-Range}) when the tag is current, the full
 * {@code 200} otherwise. Tags are compared with the tag of the representation that goes out:
 * inside {@link CompressionFilter}, the gzip variant's tag validates only a gzip response.
 *
 * <p>Applies to {@code GET} and {@code HEAD} requests whose response is {@code 200} and whose
 * body fits in {@link Builder#maxBufferBytes(int)}. The tag is the XXH64 hash of the body as 16
 * hex digits in quotes. A response is left alone (sent as the application wrote it) when it
 * already has an {@code ETag}, carries {@code Cache-Control: no-store}, outgrows the limit, or
 * streams: writes after a flush, {@code text/event-stream} or {@code application/x-ndjson},
 * async processing. A flush at the end of the body (Spring MVC calls {@code flushBuffer()}
 * after writing a {@code ResponseEntity}) is deferred and keeps the tag; a flush followed by
 * more of the body sends what was flushed before the next bytes. A body is never held beyond
 * the limit. A HEAD request the application answers
 * without writing the body gets no tag, because the tag of an empty body would be wrong.
 *
 * <p>Thread-safe; one instance serves all requests. Buffers are pooled.
 */
public final class EtagFilter extends HttpFilter {
  private static final String EMPTY_BODY_TAG = EntityTags.strong(Xxh64.hash(new byte[0], 0, 0));

  private final transient int maxBufferBytes;

  private EtagFilter(Builder builder) {
    this.maxBufferBytes = builder.maxBufferBytes;
  }

  /**
   * Creates a filter with the default options.
   *
   * @return a new filter
   */
  public static EtagFilter create() {
    return builder().build();
  }

  /**
   * Starts a builder.
   *
   * @return a builder with the default options
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the largest body that gets a tag.
   *
   * @return the limit in bytes
   */
  public int maxBufferBytes() {
    return maxBufferBytes;
  }

  @Override
  protected void doFilter(HttpServletRequest http, HttpServletResponse httpResponse,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(http, httpResponse, chain, OncePerRequest.ETAG)
        || GetOrHead.passedOnIfNeither(http, httpResponse, chain)) {
      return;
    }
    // An If-Range tag can be checked only against the finished body: the application renders
    // the full representation and this filter serves the range, or not.
    boolean ifRange = "GET".equals(http.getMethod()) && http.getHeader("Range") != null
        && EntityTags.isEntityTag(http.getHeader("If-Range"));
    BufferingResponse buffered = new BufferingResponse(httpResponse, maxBufferBytes);
    try {
      chain.doFilter(StreamOnAsyncRequest.of(ifRange ? new RangeHidingRequest(http) : http, buffered),
          buffered);
      if (http.isAsyncStarted()) {
        buffered.stream();
        return;
      }
      BodyBuffer body = buffered.body(); // drains the writer, which may push the body over the limit
      if (buffered.isBuffering()) {
        finish(http, httpResponse, buffered, body, ifRange);
      }
    } finally {
      buffered.releaseBuffer();
    }
  }

  private static void finish(HttpServletRequest request, HttpServletResponse response,
      BufferingResponse buffered, BodyBuffer body, boolean ifRange) throws IOException {
    int size = body == null ? 0 : body.size();
    boolean headWithoutBody = size == 0 && buffered.declaredLength() > 0;
    if (buffered.getStatus() != HttpServletResponse.SC_OK || headWithoutBody) {
      buffered.commitBody();
      return;
    }
    if (!response.containsHeader("ETag")
        && !HeaderTokens.responseContains(response, "Cache-Control", "no-store")) {
      String etag = size == 0 ? EMPTY_BODY_TAG : EntityTags.strong(Xxh64.hash(body.array(), 0, size));
      response.setHeader("ETag", etag);
      if (preconditionAnswered(request, response, buffered, etag, size)) {
        return;
      }
    }
    String current = ifRange ? response.getHeader("ETag") : null;
    ByteRange range = current != null
        && EntityTags.rangeValidatorMatches(request.getHeader("If-Range"), current)
        ? ByteRange.parse(request.getHeader("Range"), size) : null;
    if (range != null) {
      response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
      response.setHeader("Content-Range", range.contentRange(size));
      buffered.commitRange(range.first(), range.length());
      return;
    }
    buffered.commitBody();
  }

  /**
   * Answers If-Match (412) and If-None-Match (304) for this filter's tag, compared with the tag
   * of the representation the client gets: a gzip tag validates only a gzip response.
   */
  private static boolean preconditionAnswered(HttpServletRequest request,
      HttpServletResponse response, BufferingResponse buffered, String etag, int size) {
    HttpServletRequest sent = GzipTagRequest.original(request);
    if (sent.getHeader("If-Match") == null && sent.getHeader("If-None-Match") == null) {
      return false;
    }
    String outgoing = GzipResponse.representationTag(response, etag, size);
    int status;
    if (EntityTags.ifMatchFails(sent, outgoing)) {
      status = HttpServletResponse.SC_PRECONDITION_FAILED;
    } else if (EntityTags.noneMatchFails(sent, outgoing)) {
      status = HttpServletResponse.SC_NOT_MODIFIED;
      response.setHeader("ETag", outgoing);
    } else {
      return false;
    }
    response.setStatus(status);
    buffered.discardBody();
    return true;
  }

  /** Options of {@link EtagFilter}; each setter validates at once. */
  public static final class Builder {
    private int maxBufferBytes = 512 * 1024;

    private Builder() {}

    /**
     * Sets the largest body that is held and tagged; larger bodies stream through untagged.
     * Default 512 KiB.
     *
     * @param bytes the limit, at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder maxBufferBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBufferBytes must be at least 1, was " + bytes);
      }
      this.maxBufferBytes = bytes;
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     */
    public EtagFilter build() {
      return new EtagFilter(this);
    }
  }
}
