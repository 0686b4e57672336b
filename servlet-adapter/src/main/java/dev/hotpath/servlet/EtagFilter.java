package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.SafeMethods;
import dev.hotpath.servlet.internal.BodyBuffer;
import dev.hotpath.servlet.internal.BufferingResponse;
import dev.hotpath.servlet.internal.EntityTags;
import dev.hotpath.servlet.internal.HeaderTokens;
import dev.hotpath.servlet.internal.Xxh64;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Adds a strong {@code ETag} computed from the response body and answers a matching
 * {@code If-None-Match} with {@code 304 Not Modified} and no body.
 *
 * <p>Applies to {@code GET} and {@code HEAD} requests whose response is {@code 200} and whose
 * body fits in {@link Builder#maxBufferBytes(int)}. The tag is the XXH64 hash of the body as 16
 * hex digits in quotes. A response is left alone (sent as the application wrote it) when it
 * already has an {@code ETag}, carries {@code Cache-Control: no-store}, outgrows the limit, or
 * streams: {@code flushBuffer()}, writes after a flush, {@code text/event-stream}, async
 * processing. A body is never held beyond the limit. A HEAD request the application answers
 * without writing the body gets no tag, because the tag of an empty body would be wrong.
 *
 * <p>Thread-safe; one instance serves all requests. Buffers are pooled.
 */
public final class EtagFilter extends HttpFilter {
  private static final String ACTING = EtagFilter.class.getName() + ".acting";
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
    if (OncePerRequest.passedOn(http, httpResponse, chain, ACTING)
        || SafeMethods.passedOnUnlessSafe(http, httpResponse, chain)) {
      return;
    }
    BufferingResponse buffered = new BufferingResponse(httpResponse, maxBufferBytes);
    try {
      chain.doFilter(http, buffered);
      if (http.isAsyncStarted()) {
        buffered.stream();
        return;
      }
      BodyBuffer body = buffered.body(); // drains the writer, which may push the body over the limit
      if (buffered.isBuffering()) {
        finish(http, httpResponse, buffered, body);
      }
    } finally {
      buffered.releaseBuffer();
    }
  }

  private static void finish(HttpServletRequest request, HttpServletResponse response,
      BufferingResponse buffered, BodyBuffer body) throws IOException {
    int size = body == null ? 0 : body.size();
    boolean headWithoutBody = size == 0 && buffered.declaredLength() > 0;
    if (buffered.getStatus() == HttpServletResponse.SC_OK
        && !headWithoutBody
        && !response.containsHeader("ETag")
        && !HeaderTokens.responseContains(response, "Cache-Control", "no-store")) {
      String etag = size == 0 ? EMPTY_BODY_TAG : EntityTags.strong(Xxh64.hash(body.array(), 0, size));
      response.setHeader("ETag", etag);
      if (EntityTags.noneMatchFails(request, etag)) {
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        buffered.discardBody();
        return;
      }
    }
    buffered.commitBody();
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
