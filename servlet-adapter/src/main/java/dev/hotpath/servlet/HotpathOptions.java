package dev.hotpath.servlet;

import dev.hotpath.core.Check;
import jakarta.servlet.Filter;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link Hotpath#install} registers. By default: {@link TimingFilter#create()},
 * {@link DedupFilter#create()}, {@link CompressionFilter#create()} and
 * {@link EtagFilter#create()} on {@code /*}; no {@link CacheControlFilter} (its rules are the
 * application's). Immutable once built.
 */
public final class HotpathOptions {
  private final Map<Hotpath.Layer, Filter> filters;
  private final List<String> urlPatterns;

  private HotpathOptions(Builder builder) {
    this.filters = new EnumMap<>(builder.filters);
    this.urlPatterns = builder.urlPatterns;
  }

  /**
   * Returns the defaults.
   *
   * @return options with the default filters
   */
  public static HotpathOptions defaults() {
    return builder().build();
  }

  /**
   * Starts a builder holding the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the filter of a layer.
   *
   * @param layer the layer
   * @return the filter, or null when the layer is left out
   */
  public Filter filter(Hotpath.Layer layer) {
    return filters.get(layer);
  }

  /**
   * Returns the URL patterns the filters are mapped to.
   *
   * @return the patterns
   */
  public List<String> urlPatterns() {
    return urlPatterns;
  }

  /** Builder of {@link HotpathOptions}; each call validates at once. */
  public static final class Builder {
    private final Map<Hotpath.Layer, Filter> filters = new EnumMap<>(Hotpath.Layer.class);
    private List<String> urlPatterns = List.of("/*");

    private Builder() {
      filters.put(Hotpath.Layer.TIMING, TimingFilter.create());
      filters.put(Hotpath.Layer.DEDUP, DedupFilter.create());
      filters.put(Hotpath.Layer.COMPRESSION, CompressionFilter.create());
      filters.put(Hotpath.Layer.ETAG, EtagFilter.create());
    }

    /**
     * Uses this timing filter (e.g. one sharing the application's {@code LatencyRegistry}).
     *
     * @param filter the filter
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder timing(TimingFilter filter) {
      return put(Hotpath.Layer.TIMING, filter);
    }

    /**
     * Adds this rate limit filter (none by default).
     *
     * @param filter the filter
     * @return this builder
     * @throws IllegalArgumentException when null
     */
    public Builder rateLimit(RateLimitFilter filter) {
      return put(Hotpath.Layer.RATE_LIMIT, filter);
    }

    /**
     * Adds this response cache filter (none by default).
     *
     * @param filter the filter
     * @return this builder
     * @throws IllegalArgumentException when null
     */
    public Builder responseCache(ResponseCacheFilter filter) {
      return put(Hotpath.Layer.RESPONSE_CACHE, filter);
    }

    /**
     * Uses this de-duplication filter.
     *
     * @param filter the filter
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder dedup(DedupFilter filter) {
      return put(Hotpath.Layer.DEDUP, filter);
    }

    /**
     * Adds this Cache-Control filter (none by default).
     *
     * @param filter the filter
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder cacheControl(CacheControlFilter filter) {
      return put(Hotpath.Layer.CACHE_CONTROL, filter);
    }

    /**
     * Uses this compression filter.
     *
     * @param filter the filter
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder compression(CompressionFilter filter) {
      return put(Hotpath.Layer.COMPRESSION, filter);
    }

    /**
     * Uses this ETag filter.
     *
     * @param filter the filter
     * @return this builder
     * @throws NullPointerException when null
     */
    public Builder etag(EtagFilter filter) {
      return put(Hotpath.Layer.ETAG, filter);
    }

    /**
     * Leaves layers out of the chain.
     *
     * @param layers the layers to leave out
     * @return this builder
     */
    public Builder without(Hotpath.Layer... layers) {
      for (Hotpath.Layer layer : layers) {
        filters.remove(layer);
      }
      return this;
    }

    /**
     * Maps the filters to these URL patterns instead of {@code /*}.
     *
     * @param patterns servlet URL patterns
     * @return this builder
     * @throws NullPointerException when {@code patterns} is null
     * @throws IllegalArgumentException when empty or a pattern is blank
     */
    public Builder urlPatterns(List<String> patterns) {
      Check.notNull(patterns, "urlPatterns");
      Check.argument(!patterns.isEmpty() && patterns.stream().noneMatch(p -> p == null || p.isBlank()),
          "urlPatterns must be non-blank patterns, was %s", patterns);
      this.urlPatterns = List.copyOf(patterns);
      return this;
    }

    private Builder put(Hotpath.Layer layer, Filter filter) {
      filters.put(layer, Objects.requireNonNull(filter,
          () -> layer + " filter must not be null; use without(" + layer + ")"));
      return this;
    }

    /**
     * Builds the options.
     *
     * @return immutable options
     */
    public HotpathOptions build() {
      return new HotpathOptions(this);
    }
  }
}
