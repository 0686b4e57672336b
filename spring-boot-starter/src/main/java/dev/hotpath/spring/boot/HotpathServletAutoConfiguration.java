package dev.hotpath.spring.boot;

import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.CacheControlFilter;
import dev.hotpath.servlet.CompressionFilter;
import dev.hotpath.servlet.DedupFilter;
import dev.hotpath.servlet.EtagFilter;
import dev.hotpath.servlet.Hotpath;
import dev.hotpath.servlet.RateLimitFilter;
import dev.hotpath.servlet.ResponseCacheFilter;
import dev.hotpath.servlet.ResponseStore;
import dev.hotpath.servlet.RouteResolver;
import dev.hotpath.servlet.TimingFilter;
import dev.hotpath.spring.boot.internal.PatternRoutes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Registers hotpath's filter chain once, in the order {@link Hotpath#install} documents
 * (timing, rate limit, response cache, de-duplication, cache-control, compression, ETag;
 * outermost first), each with its own
 * {@link FilterRegistrationBean} named {@code hotpath<Layer>FilterRegistration} and switched off
 * by {@code hotpath.servlet.<layer>.enabled=false}. A filter bean of the layer's type that the
 * application defines is registered in its place (Boot then does not register it a second time);
 * a {@link CacheControlFilter} is registered only when the application defines one, because its
 * rules are code. Routes are named by the application's {@link RouteResolver} bean, if any.
 *
 * <p>The rate limit and the response cache are off unless
 * {@code hotpath.servlet.rate-limit.enabled} / {@code hotpath.servlet.response-cache.enabled}
 * is true. Their rules are keyed by Spring MVC path patterns, matched before the chain runs (Spring
 * MVC names its pattern only after the filters). The response cache keeps its pages in the
 * application's {@link ResponseStore} bean: the one {@link HotpathCacheAutoConfiguration} makes
 * over a {@code TieredCache} when {@code hotpath.cache.caches} are declared (in Redis too, and
 * invalidated by {@link TieredCacheManager#invalidateTag}), else one in memory.
 *
 * <p>The chain sits just inside Boot's own outermost filters (character encoding, request
 * observation): {@link #TIMING_ORDER} plus the layer's {@link Hotpath.Layer#ordinal()}.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({TimingFilter.class, FilterRegistrationBean.class})
@ConditionalOnProperty(prefix = "hotpath.servlet", name = "enabled", matchIfMissing = true)
public final class HotpathServletAutoConfiguration {
  /** The order of the timing filter; each later layer's is one more. */
  public static final int TIMING_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private final HotpathProperties.Servlet servlet;

  /**
   * Created by Spring Boot from {@code AutoConfiguration.imports}.
   *
   * @param properties the bound properties
   */
  public HotpathServletAutoConfiguration(HotpathProperties properties) {
    this.servlet = properties.servlet();
  }

  /**
   * Registers the timing filter, recording into the shared registry.
   *
   * @param own the application's timing filter, if it defines one
   * @param registry the shared registry
   * @param routes the application's route resolver, if it defines one
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "hotpath.servlet.timing", name = "enabled", matchIfMissing = true)
  public FilterRegistrationBean<TimingFilter> hotpathTimingFilterRegistration(
      ObjectProvider<TimingFilter> own, LatencyRegistry registry, ObjectProvider<RouteResolver> routes) {
    return register(Hotpath.Layer.TIMING, own.getIfAvailable(() -> TimingFilter.builder()
        .metrics(registry)
        .routes(routes.getIfAvailable(RouteResolver::servletMapping))
        .serverTimingHeader(servlet.timing().serverTiming())
        .build()));
  }

  /**
   * Registers the inbound rate limit of {@code hotpath.servlet.rate-limit}, just inside timing
   * so a 429 costs nothing inside and is still timed.
   *
   * @param own the application's filter, if it defines one
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "hotpath.servlet.rate-limit", name = "enabled",
      havingValue = "true")
  public FilterRegistrationBean<RateLimitFilter> hotpathRateLimitFilterRegistration(
      ObjectProvider<RateLimitFilter> own) {
    return register(Hotpath.Layer.RATE_LIMIT, own.getIfAvailable(() -> {
      RateLimitFilter.Builder builder = RateLimitFilter.builder()
          .routes(new PatternRoutes(servlet.rateLimit().rules().keySet()));
      servlet.rateLimit().configure(builder, Checks.throwing());
      return builder.build();
    }));
  }

  /**
   * Registers the response cache of {@code hotpath.servlet.response-cache}, outside
   * de-duplication, compression and ETag so it stores their finished output. Pages are told
   * apart by the same identity headers as de-duplication's.
   *
   * @param own the application's filter, if it defines one
   * @param store the application's page store, if any (else one in memory)
   * @param registry the shared registry, for the lookup times
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "hotpath.servlet.response-cache", name = "enabled",
      havingValue = "true")
  public FilterRegistrationBean<ResponseCacheFilter> hotpathResponseCacheFilterRegistration(
      ObjectProvider<ResponseCacheFilter> own, ObjectProvider<ResponseStore> store,
      LatencyRegistry registry) {
    return register(Hotpath.Layer.RESPONSE_CACHE, own.getIfAvailable(() -> {
      ResponseCacheProperties pages = servlet.responseCache();
      ResponseCacheFilter.Builder builder = ResponseCacheFilter.builder()
          .routes(new PatternRoutes(pages.rules().keySet()))
          .identityHeaders(servlet.dedup().identityHeaders())
          .store(store.getIfAvailable(() -> ResponseStore.inMemory(pages.maxEntries())))
          .metrics(registry);
      pages.configure(builder, Checks.throwing());
      return builder.build();
    }));
  }

  /**
   * Registers the de-duplication filter.
   *
   * @param own the application's filter, if it defines one
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "hotpath.servlet.dedup", name = "enabled", matchIfMissing = true)
  public FilterRegistrationBean<DedupFilter> hotpathDedupFilterRegistration(
      ObjectProvider<DedupFilter> own) {
    return register(Hotpath.Layer.DEDUP, own.getIfAvailable(() -> {
      DedupFilter.Builder builder = DedupFilter.builder();
      servlet.dedup().configure(builder, Checks.throwing());
      return builder.build();
    }));
  }

  /**
   * Registers the application's cache-control filter at its place in the chain.
   *
   * @param own the application's filter
   * @return the registration
   */
  @Bean
  @ConditionalOnBean(CacheControlFilter.class)
  public FilterRegistrationBean<CacheControlFilter> hotpathCacheControlFilterRegistration(
      CacheControlFilter own) {
    return register(Hotpath.Layer.CACHE_CONTROL, own);
  }

  /**
   * Registers the compression filter.
   *
   * @param own the application's filter, if it defines one
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "hotpath.servlet.compression", name = "enabled",
      matchIfMissing = true)
  public FilterRegistrationBean<CompressionFilter> hotpathCompressionFilterRegistration(
      ObjectProvider<CompressionFilter> own) {
    return register(Hotpath.Layer.COMPRESSION, own.getIfAvailable(() -> {
      CompressionFilter.Builder builder = CompressionFilter.builder();
      servlet.compression().configure(builder, Checks.throwing());
      return builder.build();
    }));
  }

  /**
   * Registers the ETag filter.
   *
   * @param own the application's filter, if it defines one
   * @return the registration
   */
  @Bean
  @ConditionalOnProperty(prefix = "hotpath.servlet.etag", name = "enabled", matchIfMissing = true)
  public FilterRegistrationBean<EtagFilter> hotpathEtagFilterRegistration(
      ObjectProvider<EtagFilter> own) {
    return register(Hotpath.Layer.ETAG, own.getIfAvailable(() -> {
      EtagFilter.Builder builder = EtagFilter.builder();
      servlet.etag().configure(builder, Checks.throwing());
      return builder.build();
    }));
  }

  /** One registration per layer, mapped as {@link Hotpath#install} maps it. */
  private <F extends Filter> FilterRegistrationBean<F> register(Hotpath.Layer layer, F filter) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.setName("hotpath-" + layer.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    registration.setOrder(TIMING_ORDER + layer.ordinal());
    registration.setDispatcherTypes(DispatcherType.REQUEST);
    registration.setAsyncSupported(true);
    registration.setUrlPatterns(servlet.urlPatterns());
    return registration;
  }
}
