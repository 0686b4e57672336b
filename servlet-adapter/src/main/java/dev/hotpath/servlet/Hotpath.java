package dev.hotpath.servlet;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Installs the recommended filter chain on a {@link ServletContext}, in this order (outermost
 * first):
 *
 * <ol>
 *   <li>{@link TimingFilter}: outermost so its latency includes every other filter, its
 *       {@code UnitOfWork} spans the whole request, and it can set {@code Server-Timing} before
 *       anything inside commits the response.
 *   <li>{@link RateLimitFilter} (only when given): a 429 costs nothing inside, and is still
 *       timed and carries {@code Server-Timing}.
 *   <li>{@link ResponseCacheFilter} (only when given): outside de-duplication, Cache-Control,
 *       compression and ETag, so it stores their finished output (the compressed variant with
 *       its tag) and a hit costs none of them; inside timing, so hits are timed.
 *   <li>{@link DedupFilter}: next, so one execution of everything inside (application, ETag
 *       hash, deflate) serves all waiters. Its key includes {@code Accept-Encoding} and
 *       {@code If-None-Match}, so what it shares is right for each waiter.
 *   <li>{@link CacheControlFilter} (only when given): before the ETag filter, which reads
 *       {@code no-store} to leave uncacheable responses alone.
 *   <li>{@link CompressionFilter}: outside the ETag filter, so a 304 costs no deflate, the tag
 *       is computed on the identity bytes, and the compressed variant gets the {@code -gzip}
 *       tag suffix.
 *   <li>{@link EtagFilter}: innermost, closest to the application's body.
 * </ol>
 *
 * <p>Filters are mapped to {@code /*} for {@code REQUEST} dispatches and support async. Each
 * kind of filter acts once per request, so installing the chain where Spring Boot also
 * registers the same filters as beans is harmless. Call
 * from a {@code ServletContainerInitializer} or {@code ServletContextListener.contextInitialized}
 * (the Servlet API allows adding filters only then).
 */
public final class Hotpath {
  /** The layers of the chain, outermost first. */
  public enum Layer {
    /** {@link TimingFilter}. */
    TIMING,
    /** {@link RateLimitFilter}. */
    RATE_LIMIT,
    /** {@link ResponseCacheFilter}. */
    RESPONSE_CACHE,
    /** {@link DedupFilter}. */
    DEDUP,
    /** {@link CacheControlFilter}. */
    CACHE_CONTROL,
    /** {@link CompressionFilter}. */
    COMPRESSION,
    /** {@link EtagFilter}. */
    ETAG
  }

  private Hotpath() {}

  /**
   * Registers the chain with the filters of the options.
   *
   * @param context the context being initialized
   * @param options which filters, configured how
   * @return the registered filter names, outermost first
   * @throws IllegalStateException when a filter name is already registered or the context is
   *     past initialization
   * @throws IllegalArgumentException when an argument is null
   */
  public static List<String> install(ServletContext context, HotpathOptions options) {
    if (context == null || options == null) {
      throw new IllegalArgumentException("context and options must not be null");
    }
    List<String> names = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      Filter filter = options.filter(layer);
      if (filter == null) {
        continue;
      }
      String name = "hotpath-" + layer.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
      FilterRegistration.Dynamic registration = context.addFilter(name, filter);
      if (registration == null) {
        throw new IllegalStateException("a filter named " + name + " is already registered");
      }
      registration.setAsyncSupported(true);
      registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true,
          options.urlPatterns().toArray(new String[0]));
      names.add(name);
    }
    return List.copyOf(names);
  }
}
