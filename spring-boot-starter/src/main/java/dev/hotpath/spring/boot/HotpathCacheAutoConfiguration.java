package dev.hotpath.spring.boot;

import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheBuilder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.servlet.CachedResponse;
import dev.hotpath.servlet.ResponseStore;
import dev.hotpath.spring.boot.internal.HealthContribution;
import dev.hotpath.spring.boot.internal.InvalidateTagsInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Role;
import dev.hotpath.spring.boot.internal.NamedBeanRegistrar;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import dev.hotpath.spring.boot.internal.TieredResponseStore;
import dev.hotpath.spring.boot.internal.TieredSpringCache;
import io.lettuce.core.RedisURI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The tiered caches of {@code hotpath.cache.caches}: a {@link TieredCacheManager} for Spring's
 * caching annotations (before Boot's own cache auto-configuration, which then backs off), each
 * cache also a {@link TieredCache} bean named after it, {@link InvalidateTags} on any bean's
 * methods, and a {@link RedisTier} built from
 * Boot's {@code spring.data.redis.*} connection (standalone Redis) for the caches with
 * {@code redis=true}. Nothing is configured while no cache is declared. The manager backs off
 * when the application defines a {@link CacheManager}, the tier when it defines a
 * {@link RedisTier}; {@code hotpath.cache.enabled=false} or {@code hotpath.cache.redis.enabled=false}
 * switch them off.
 */
@AutoConfiguration(after = HotpathAutoConfiguration.class,
    afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
    beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({TieredCache.class, CacheManager.class})
@ConditionalOnProperty(prefix = "hotpath.cache", name = "enabled", matchIfMissing = true)
@Conditional(HotpathCacheAutoConfiguration.CachesDeclared.class)
public final class HotpathCacheAutoConfiguration {
  static final String CACHES = "hotpath.cache.caches";

  /** Created by Spring Boot from {@code AutoConfiguration.imports}. */
  public HotpathCacheAutoConfiguration() {}

  /**
   * The cache manager over every declared cache.
   *
   * @param properties the bound properties
   * @param registry the shared registry the caches record into
   * @param redisTier the Redis tier, created only if a cache uses it
   * @param pages the response cache's page store, when it is tiered
   * @return the manager
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(CacheManager.class)
  public TieredCacheManager hotpathCacheManager(HotpathProperties properties,
      LatencyRegistry registry, ObjectProvider<RedisTier> redisTier,
      ObjectProvider<TieredResponseStore> pages) {
    Map<String, TieredSpringCache> caches = new LinkedHashMap<>();
    try {
      properties.cache().caches().forEach((name, spec) ->
          caches.put(name, new TieredSpringCache(build(name, spec, registry, redisTier),
              spec.keyTags())));
    } catch (RuntimeException failed) {
      caches.values().forEach(cache -> cache.getNativeCache().close());
      throw failed;
    }
    return new TieredCacheManager(caches, pages.stream().map(ResponseStore.class::cast).toList());
  }

  private static TieredCache<Object, Object> build(String name, HotpathProperties.CacheSpec spec,
      LatencyRegistry registry, ObjectProvider<RedisTier> redisTier) {
    TieredCacheBuilder<Object, Object> builder = TieredCache.builder(name);
    spec.configure(builder, CACHES + "." + name, Checks.throwing());
    builder.metrics(registry);
    if (spec.redis()) {
      RedisTier tier = redisTier.getIfAvailable();
      if (tier != null) {
        if (spec.valueType() == null) {
          throw new IllegalStateException(CACHES + "." + name + ".value-type must be set for a "
              + "cache in Redis (its values are stored as JSON), or set " + CACHES + "." + name
              + ".redis=false");
        }
        builder.redisTier(tier, json(spec.valueType()));
      }
    }
    return builder.build();
  }

  @SuppressWarnings("unchecked")
  private static Codec<Object> json(Class<?> type) {
    return (Codec<Object>) Codec.json(type);
  }

  /**
   * Registers each declared cache as a lazy {@link TieredCache} bean named after it; static, as
   * a registry post-processor must be.
   *
   * @return the registrar
   */
  @Bean
  public static NamedBeanRegistrar hotpathCacheBeans() {
    return new NamedBeanRegistrar(CACHES, TieredCache.class,
        (beans, name) -> {
          TieredCacheManager manager = beans.getBeanProvider(TieredCacheManager.class).getIfAvailable();
          if (manager == null) {
            throw new IllegalStateException("the caches of " + CACHES + " are built by hotpath's "
                + "TieredCacheManager, which backed off because the application defines its own "
                + "CacheManager; cache '" + name + "' does not exist");
          }
          return manager.tieredCache(name);
        });
  }

  /**
   * The health check of the Redis tier, not critical (caches answer from memory and loaders
   * while Redis is away); only when a cache made the tier, so health never connects to Redis
   * for caches that do not use it.
   *
   * @param manager the cache manager, which creates the tier when a cache uses it
   * @param beans the bean factory, asked for tiers already created
   * @return the contribution
   */
  @Bean
  public HealthContribution hotpathRedisHealth(ObjectProvider<TieredCacheManager> manager,
      ConfigurableListableBeanFactory beans) {
    return registry -> {
      manager.ifAvailable(created -> {
        for (String name : beans.getBeanNamesForType(RedisTier.class, true, false)) {
          if (beans.containsSingleton(name)) {
            registry.register("redis-cache", beans.getBean(name, RedisTier.class).healthCheck(),
                false);
          }
        }
      });
    };
  }

  /**
   * The advice behind {@link InvalidateTags}; an infrastructure bean, so the auto-proxy creator
   * Boot (or {@code @EnableCaching}) registers applies it.
   *
   * @param manager the cache manager whose caches are invalidated
   * @return the advisor
   */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  public static Advisor hotpathInvalidateTagsAdvisor(ObjectProvider<TieredCacheManager> manager) {
    return new DefaultPointcutAdvisor(
        new AnnotationMatchingPointcut(null, InvalidateTags.class, true),
        new InvalidateTagsInterceptor(() -> {
          TieredCacheManager caches = manager.getIfAvailable();
          if (caches == null) {
            throw new IllegalStateException("@InvalidateTags needs hotpath's TieredCacheManager, "
                + "which backed off because the application defines its own CacheManager");
          }
          return caches;
        }));
  }

  /**
   * The response cache's pages in a tiered cache {@value #PAGES}, when
   * {@code hotpath.servlet.response-cache} is enabled and the application defines no
   * {@link ResponseStore}: in memory, and in the Redis tier too unless
   * {@code hotpath.servlet.response-cache.redis=false}, so every node serves and drops the same
   * pages. Its ttl is the longest rule's ttl plus stale window; the rules decide freshness.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ResponseStore.class)
  @ConditionalOnProperty(prefix = "hotpath.servlet.response-cache", name = "enabled",
      havingValue = "true")
  static class ResponseStoreConfiguration {
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(ResponseStore.class)
    TieredResponseStore hotpathResponseStore(HotpathProperties properties,
        LatencyRegistry registry, ObjectProvider<RedisTier> redisTier) {
      ResponseCacheProperties pages = properties.servlet().responseCache();
      TieredCacheBuilder<String, CachedResponse> builder =
          TieredCache.<String, CachedResponse>builder(PAGES)
              .maximumSize(pages.maxEntries())
              .ttl(pages.longestLife())
              .metrics(registry);
      RedisTier tier = pages.redis() ? redisTier.getIfAvailable() : null;
      if (tier != null) {
        builder.redisTier(tier, Codec.json(CachedResponse.class));
      }
      return new TieredResponseStore(builder.build());
    }
  }

  /** The name of the tiered cache of the response cache's pages. */
  static final String PAGES = "hotpath-pages";

  /** The Redis tier, only with Spring Boot's Redis support on the class path. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({DataRedisConnectionDetails.class, RedisURI.class})
  @ConditionalOnProperty(prefix = "hotpath.cache.redis", name = "enabled", matchIfMissing = true)
  static class RedisTierConfiguration {

    /**
     * The tier, connected to the Redis that {@code spring.data.redis.*} (or a service
     * connection) describes. Lazy: it connects only when a cache uses Redis.
     */
    @Bean(destroyMethod = "close")
    @Lazy
    @ConditionalOnMissingBean
    @ConditionalOnBean(DataRedisConnectionDetails.class)
    RedisTier hotpathRedisTier(DataRedisConnectionDetails connection, HotpathProperties properties) {
      RedisTier.Builder builder = RedisTier.builder(redisUri(connection));
      properties.cache().redis().configure(builder, Checks.throwing());
      return builder.build();
    }

    private static RedisURI redisUri(DataRedisConnectionDetails connection) {
      if (connection.getStandalone() == null || connection.getSentinel() != null
          || connection.getCluster() != null) {
        throw new IllegalStateException("hotpath's Redis tier is built from spring.data.redis.* "
            + "for standalone Redis only; for Sentinel or Cluster define a RedisTier bean");
      }
      DataRedisConnectionDetails.Standalone standalone = connection.getStandalone();
      RedisURI.Builder uri = RedisURI.builder().withHost(standalone.getHost())
          .withPort(standalone.getPort()).withDatabase(standalone.getDatabase())
          .withSsl(connection.getSslBundle() != null);
      if (connection.getPassword() != null) {
        if (connection.getUsername() != null) {
          uri.withAuthentication(connection.getUsername(), connection.getPassword());
        } else {
          uri.withPassword(connection.getPassword().toCharArray());
        }
      }
      return uri.build();
    }
  }

  /** Matches when at least one cache is declared under {@code hotpath.cache.caches}. */
  static final class CachesDeclared extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context,
        AnnotatedTypeMetadata metadata) {
      boolean declared = Binder.get(context.getEnvironment())
          .bind(CACHES, Bindable.mapOf(String.class, Object.class))
          .map(map -> !map.isEmpty()).orElse(false);
      return declared ? ConditionOutcome.match("caches are declared under " + CACHES)
          : ConditionOutcome.noMatch("no cache is declared under " + CACHES);
    }
  }
}
