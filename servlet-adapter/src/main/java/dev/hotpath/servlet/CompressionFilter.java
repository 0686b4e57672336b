package dev.hotpath.servlet;

import dev.hotpath.servlet.internal.OncePerRequest;
import dev.hotpath.servlet.internal.AcceptEncoding;
import dev.hotpath.servlet.internal.GzipResponse;
import dev.hotpath.servlet.internal.GzipTagRequest;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.zip.Deflater;

/**
 * Gzips response bodies (JDK zlib, pooled deflaters) when the client accepts gzip, the body is
 * at least {@link Builder#minSize(int)} bytes, the status is 2xx (not 204 or 206), the content
 * type is compressible, and the response has no {@code Content-Encoding} and no
 * {@code Cache-Control: no-transform}. Streams compress as they flow: a flush emits a deflate
 * sync point the client can decode at once.
 *
 * <p>Headers: {@code Vary: Accept-Encoding} on every response that could have been compressed
 * (also 304s and uncompressed ones, so shared caches keep variants apart);
 * {@code Content-Length} is dropped when compressing. Entity-tags: the compressed
 * representation's tag is the application's tag with {@code -gzip} inside the quotes
 * ({@code "abc"} becomes {@code "abc-gzip"}, {@code W/"abc"} becomes {@code W/"abc-gzip"});
 * on the way in the suffix is removed from {@code If-None-Match}, so the application and
 * {@link EtagFilter} (installed inside this filter) compare their own tags, and a 304 answers
 * with the form the client sent. {@code HEAD} is treated like {@code GET} so its headers match.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class CompressionFilter extends HttpFilter {
  /** The content types compressed by default ({@code type/*} and {@code +suffix} patterns allowed). */
  public static final List<String> DEFAULT_TYPES = List.of(
      "text/*", "application/json", "application/javascript", "application/xml",
      "application/x-ndjson", "image/svg+xml", "+json", "+xml");

  private final transient int minSize;
  private final transient int level;
  private final transient Predicate<String> compressible;
  private final transient List<String> types;

  private CompressionFilter(Builder builder) {
    this.minSize = builder.minSize;
    this.level = builder.level;
    this.types = builder.types;
    this.compressible = this::matchesTypes;
  }

  private boolean matchesTypes(String mediaType) {
    for (String pattern : types) {
      if (pattern.startsWith("+")) {
        if (mediaType.endsWith(pattern)) {
          return true;
        }
      } else if (pattern.endsWith("/*")) {
        if (mediaType.regionMatches(0, pattern, 0, pattern.length() - 1)) {
          return true;
        }
      } else if (mediaType.equals(pattern)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Creates a filter with the default options.
   *
   * @return a new filter
   */
  public static CompressionFilter create() {
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

  @Override
  protected void doFilter(HttpServletRequest http, HttpServletResponse httpResponse,
      FilterChain chain) throws IOException, ServletException {
    if (OncePerRequest.passedOn(http, httpResponse, chain, OncePerRequest.COMPRESSION)) {
      return;
    }
    boolean acceptsGzip = AcceptEncoding.allowsGzip(http.getHeader("Accept-Encoding"));
    // A gzip tag can only validate a gzip response, which only a client accepting gzip gets.
    boolean gzipTags = acceptsGzip && GzipTagRequest.hasGzipTags(http);
    GzipResponse gzip = new GzipResponse(httpResponse, minSize, level, compressible,
        acceptsGzip, gzipTags);
    boolean async = false;
    try {
      chain.doFilter(gzipTags ? new GzipTagRequest(http) : http, gzip);
      async = http.isAsyncStarted();
      if (async) {
        // The body is written later on other threads: end the gzip stream when they complete.
        http.getAsyncContext().addListener(new FinishOnComplete(gzip));
      } else {
        gzip.finish();
      }
    } finally {
      if (!async) {
        gzip.release();
      }
    }
  }

  private record FinishOnComplete(GzipResponse gzip) implements AsyncListener {
    @Override
    public void onComplete(AsyncEvent event) {
      try {
        gzip.finish();
      } catch (IOException clientGone) {
        // The client left mid-stream: there is no one to send the gzip trailer to.
      } finally {
        gzip.release();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // onComplete follows
    }

    @Override
    public void onError(AsyncEvent event) {
      // onComplete follows
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event.getAsyncContext().addListener(this);
    }
  }

  /** Options of {@link CompressionFilter}; each setter validates at once. */
  public static final class Builder {
    private int minSize = 256;
    private int level = 6;
    private List<String> types = DEFAULT_TYPES;

    private Builder() {}

    /**
     * Sets the smallest body compressed; smaller ones are sent as they are. Default 256 bytes.
     *
     * @param bytes the size, at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code bytes} is less than 1
     */
    public Builder minSize(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("minSize must be at least 1, was " + bytes);
      }
      this.minSize = bytes;
      return this;
    }

    /**
     * Sets the deflate level, 1 (fastest) to 9 (smallest). Default 6.
     *
     * @param level the level
     * @return this builder
     * @throws IllegalArgumentException when {@code level} is outside 1 to 9
     */
    public Builder level(int level) {
      if (level < Deflater.BEST_SPEED || level > Deflater.BEST_COMPRESSION) {
        throw new IllegalArgumentException("level must be between 1 and 9, was " + level);
      }
      this.level = level;
      return this;
    }

    /**
     * Sets the compressible content types: exact ({@code application/json}), a whole type
     * ({@code text/*}) or a structured suffix ({@code +json}). Default {@link #DEFAULT_TYPES}.
     *
     * @param types the patterns, case-insensitive
     * @return this builder
     * @throws IllegalArgumentException when the list is empty or a pattern is blank or malformed
     */
    public Builder compressibleTypes(List<String> types) {
      if (types == null || types.isEmpty()) {
        throw new IllegalArgumentException("compressibleTypes must not be empty, was " + types);
      }
      for (String type : types) {
        if (type == null || type.isBlank() || (!type.startsWith("+") && type.indexOf('/') < 1)) {
          throw new IllegalArgumentException(
              "compressible type must be type/subtype, type/* or +suffix, was " + type);
        }
      }
      this.types = types.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
      return this;
    }

    /**
     * Builds the filter.
     *
     * @return a new filter with these options
     */
    public CompressionFilter build() {
      return new CompressionFilter(this);
    }
  }
}
