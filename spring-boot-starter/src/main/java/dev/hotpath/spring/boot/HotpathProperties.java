package dev.hotpath.spring.boot;

import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.cache.TieredCacheBuilder;
import dev.hotpath.metrics.Budget;
import dev.hotpath.metrics.BudgetMonitor;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.resilience.Guard;
import dev.hotpath.resilience.GuardBuilder;
import dev.hotpath.servlet.CompressionFilter;
import dev.hotpath.servlet.DedupFilter;
import dev.hotpath.servlet.EtagFilter;
import dev.hotpath.servlet.RateLimitFilter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every {@code hotpath.*} property. Bound once at startup and immutable; each value is checked by
 * the block it configures while binding, so a bad value fails startup with a message naming the
 * property and the rule it breaks. Defaults are the blocks' own.
 *
 * @param metrics the shared latency registry and budget evaluation
 * @param budgets latency budgets by recorder name, such as {@code "GET /api/photos"} mapped to
 *     {@code "p95 < 300ms over 1m"}; the key {@code "*"} applies the budget to every name (write
 *     keys with spaces or slashes in brackets: {@code hotpath.budgets[GET /api/photos]})
 * @param pool the wrapping of the application's DataSource beans
 * @param servlet the servlet filter chain
 * @param cache the tiered caches and the Spring {@code CacheManager}
 * @param guards guards for external calls, by name; each becomes a bean of that name
 * @param health the Actuator health contributors
 * @param monitoring who may read the {@code hotpath} endpoint and health details over HTTP
 */
@ConfigurationProperties("hotpath")
public record HotpathProperties(
    @DefaultValue Metrics metrics,
    Map<String, String> budgets,
    @DefaultValue Pool pool,
    @DefaultValue Servlet servlet,
    @DefaultValue Cache cache,
    Map<String, GuardSpec> guards,
    @DefaultValue Health health,
    @DefaultValue @NestedConfigurationProperty MonitoringProperties monitoring) {

  /** The budget key that applies a budget to every recorder name. */
  public static final String EVERY_NAME = "*";

  /**
   * Binds the properties and checks every value with the block it configures.
   *
   * @param metrics the bound value
   * @param budgets the bound value
   * @param pool the bound value
   * @param servlet the bound value
   * @param cache the bound value
   * @param guards the bound value
   * @param health the bound value
   * @param monitoring the bound value
   * @throws IllegalArgumentException listing each bad property with the rule it breaks
   */
  public HotpathProperties {
    budgets = budgets == null ? Map.of() : Map.copyOf(budgets);
    guards = guards == null ? Map.of() : Map.copyOf(guards);
    Checks checks = Checks.collecting();
    metrics.configure(LatencyRegistry.builder(), checks);
    BudgetMonitor.Builder monitor = BudgetMonitor.builder(LatencyRegistry.create());
    checks.apply("hotpath.metrics.budget-interval", () -> monitor.interval(metrics.budgetInterval()));
    budgets.forEach((name, text) ->
        checks.apply("hotpath.budgets[" + name + "]", () -> budget(name, text)));
    pool.configure(HotpathDataSource.builder(), "hotpath.pool", checks);
    pool.checkPools(checks);
    servlet.check(checks);
    cache.check(checks);
    guards.forEach((name, spec) -> {
      String property = "hotpath.guards." + name;
      checks.apply(property, () -> spec.configure(Guard.builder(name), property, checks));
    });
    checks.apply("hotpath.health.pool-max-pending-threads",
        () -> requireNotNegative("poolMaxPendingThreads", health.poolMaxPendingThreads()));
    monitoring.rule(checks);
    checks.throwIfAny();
  }

  /**
   * Parses one entry of {@code hotpath.budgets}.
   *
   * @param name the recorder name, or {@link #EVERY_NAME}
   * @param text the budget without its name, such as {@code "p95 < 300ms over 1m"}
   * @return the budget
   * @throws IllegalArgumentException naming the text and the rule it breaks
   */
  static Budget budget(String name, String text) {
    return Budget.parse(EVERY_NAME.equals(name) ? text : name + " " + text);
  }

  private static void requireNotNegative(String what, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must not be negative, was " + value);
    }
  }

  /**
   * The latency registry every block records into.
   *
   * @param maxSeriesPerName the cap on series (tag combinations) per metric name; past it, a
   *     name's new series share its overflow series, whose tags all read {@code other}
   * @param budgetInterval how often budgets are evaluated
   * @param micrometer whether the registry is bound to the application's {@code MeterRegistry}
   */
  public record Metrics(
      @DefaultValue("1000") int maxSeriesPerName,
      @DefaultValue("10s") Duration budgetInterval,
      @DefaultValue("true") boolean micrometer) {

    void configure(LatencyRegistry.Builder builder, Checks checks) {
      checks.apply(
          "hotpath.metrics.max-series-per-name", () -> builder.maxSeriesPerName(maxSeriesPerName));
    }
  }

  /**
   * How the DataSource beans Spring Boot builds are wrapped in a {@link HotpathDataSource}.
   *
   * @param enabled whether DataSource beans are wrapped at all
   * @param name the pool name in metrics and logs of the bean named {@code dataSource}; other
   *     DataSource beans are named after their bean
   * @param slowQueryThreshold from how long a statement is logged as slow
   * @param nPlusOne what happens when one SELECT shape repeats within one request
   * @param logParameterValues whether the slow-query log may show bound parameter values
   * @param maxFingerprints how many distinct SQL strings have their fingerprint remembered
   * @param pools more pools by name (read, write, analytics), each a HikariCP pool and a
   *     DataSource bean of that name, wrapped and named like the main one
   */
  public record Pool(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("main") String name,
      @DefaultValue("1s") Duration slowQueryThreshold,
      @DefaultValue NPlusOne nPlusOne,
      @DefaultValue("false") boolean logParameterValues,
      @DefaultValue("1000") int maxFingerprints,
      Map<String, NamedPool> pools) {

    /**
     * Binds the map to an unmodifiable copy.
     *
     * @param enabled the bound value
     * @param name the bound value
     * @param slowQueryThreshold the bound value
     * @param nPlusOne the bound value
     * @param logParameterValues the bound value
     * @param maxFingerprints the bound value
     * @param pools the bound value
     */
    public Pool {
      pools = pools == null ? Map.of() : Map.copyOf(pools);
    }

    void configure(HotpathDataSource.Builder builder, String prefix, Checks checks) {
      checks.apply(prefix + ".name", () -> builder.name(name));
      checks.apply(prefix + ".slow-query-threshold",
          () -> builder.slowQueryThreshold(slowQueryThreshold));
      checks.apply(prefix + ".n-plus-one.threshold",
          () -> builder.nPlusOne(nPlusOne.policy(), nPlusOne.threshold()));
      checks.apply(prefix + ".max-fingerprints", () -> builder.maxFingerprints(maxFingerprints));
      builder.logParameterValues(logParameterValues);
    }

    void checkPools(Checks checks) {
      pools.forEach((poolName, pool) -> {
        String property = "hotpath.pool.pools." + poolName;
        checks.apply(property, () -> HotpathDataSource.builder().name(poolName));
        if (pool.url() == null || pool.url().isBlank()) {
          checks.reject(property + ".url", "a JDBC URL is required");
        }
      });
    }
  }

  /**
   * A pool declared under {@code hotpath.pool.pools.<name>}; HikariCP settings go under its
   * {@code hikari.*}, as Boot's go under {@code spring.datasource.hikari.*}.
   *
   * @param url the JDBC URL
   * @param username the user
   * @param password the password
   * @param driverClassName the driver class; default: the one the URL names
   * @param hikari HikariCP settings by property name ({@code maximum-pool-size},
   *     {@code connection-timeout}, ...), bound onto the pool
   */
  public record NamedPool(String url, String username, String password, String driverClassName,
      Map<String, String> hikari) {

    /**
     * Binds the map to an unmodifiable copy.
     *
     * @param url the bound value
     * @param username the bound value
     * @param password the bound value
     * @param driverClassName the bound value
     * @param hikari the bound value
     */
    public NamedPool {
      hikari = hikari == null ? Map.of() : Map.copyOf(hikari);
    }

    /** Leaves the URL (which may carry credentials) and the password out. */
    @Override
    public String toString() {
      return "NamedPool[username=" + username + ", driverClassName=" + driverClassName + "]";
    }
  }

  /**
   * N+1 detection.
   *
   * @param policy {@code off}, {@code log} or {@code throw}
   * @param threshold how many executions of one SELECT shape one request may run
   */
  public record NPlusOne(
      @DefaultValue("log") NPlusOnePolicy policy, @DefaultValue("10") int threshold) {}

  /**
   * The servlet filter chain, registered in hotpath's documented order.
   *
   * @param enabled whether any hotpath filter is registered
   * @param urlPatterns the URL patterns the filters are mapped to
   * @param timing the timing filter (route latency, {@code Server-Timing}, request scope)
   * @param dedup the filter that shares one response among identical concurrent requests
   * @param compression the gzip filter
   * @param etag the ETag / 304 filter
   * @param responseCache the response cache (off by default), outside de-duplication
   * @param rateLimit the inbound rate limit (off by default), just inside timing
   */
  public record Servlet(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/*") List<String> urlPatterns,
      @DefaultValue Timing timing,
      @DefaultValue Dedup dedup,
      @DefaultValue Compression compression,
      @DefaultValue Etag etag,
      @DefaultValue @NestedConfigurationProperty ResponseCacheProperties responseCache,
      @DefaultValue @NestedConfigurationProperty RateLimitProperties rateLimit) {

    /**
     * Binds the lists to unmodifiable copies.
     *
     * @param enabled the bound value
     * @param urlPatterns the bound value
     * @param timing the bound value
     * @param dedup the bound value
     * @param compression the bound value
     * @param etag the bound value
     * @param responseCache the bound value
     * @param rateLimit the bound value
     */
    public Servlet {
      urlPatterns = List.copyOf(urlPatterns);
    }

    void check(Checks checks) {
      if (urlPatterns.isEmpty() || urlPatterns.stream().anyMatch(String::isBlank)) {
        checks.reject("hotpath.servlet.url-patterns",
            "must hold at least one non-blank pattern, was " + urlPatterns);
      }
      dedup.configure(DedupFilter.builder(), checks);
      compression.configure(CompressionFilter.builder(), checks);
      etag.configure(EtagFilter.builder(), checks);
      responseCache.check(checks);
      rateLimit.configure(RateLimitFilter.builder(), checks);
    }
  }

  /**
   * The timing filter.
   *
   * @param enabled whether it is registered
   * @param serverTiming whether responses carry a {@code Server-Timing} header (it shows server
   *     internals to clients)
   */
  public record Timing(
      @DefaultValue("true") boolean enabled, @DefaultValue("true") boolean serverTiming) {}

  /**
   * The de-duplication filter.
   *
   * @param enabled whether it is registered
   * @param maxBodyBytes the largest response body shared with waiting requests
   * @param identityHeaders headers besides {@code Authorization} and {@code Cookie} that tell
   *     clients apart
   */
  public record Dedup(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("262144") int maxBodyBytes,
      List<String> identityHeaders) {

    /**
     * Binds the lists to unmodifiable copies.
     *
     * @param enabled the bound value
     * @param maxBodyBytes the bound value
     * @param identityHeaders the bound value
     */
    public Dedup {
      identityHeaders = identityHeaders == null ? List.of() : List.copyOf(identityHeaders);
    }

    void configure(DedupFilter.Builder builder, Checks checks) {
      checks.apply("hotpath.servlet.dedup.max-body-bytes", () -> builder.maxBodyBytes(maxBodyBytes));
      checks.apply("hotpath.servlet.dedup.identity-headers",
          () -> builder.identityHeaders(identityHeaders));
    }
  }

  /**
   * The compression filter.
   *
   * @param enabled whether it is registered
   * @param minSize the smallest body compressed, in bytes
   * @param level the deflate level, 1 (fastest) to 9 (smallest)
   * @param types the compressible media types; empty means hotpath's default list
   */
  public record Compression(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("256") int minSize,
      @DefaultValue("6") int level,
      List<String> types) {

    /**
     * Binds the lists to unmodifiable copies.
     *
     * @param enabled the bound value
     * @param minSize the bound value
     * @param level the bound value
     * @param types the bound value
     */
    public Compression {
      types = types == null ? List.of() : List.copyOf(types);
    }

    void configure(CompressionFilter.Builder builder, Checks checks) {
      checks.apply("hotpath.servlet.compression.min-size", () -> builder.minSize(minSize));
      checks.apply("hotpath.servlet.compression.level", () -> builder.level(level));
      if (!types.isEmpty()) {
        checks.apply("hotpath.servlet.compression.types", () -> builder.compressibleTypes(types));
      }
    }
  }

  /**
   * The ETag filter.
   *
   * @param enabled whether it is registered
   * @param maxBufferBytes the largest body buffered to compute a tag; larger ones pass untagged
   */
  public record Etag(
      @DefaultValue("true") boolean enabled, @DefaultValue("524288") int maxBufferBytes) {

    void configure(EtagFilter.Builder builder, Checks checks) {
      checks.apply("hotpath.servlet.etag.max-buffer-bytes",
          () -> builder.maxBufferBytes(maxBufferBytes));
    }
  }

  /**
   * Tiered caches and the Spring {@code CacheManager} over them.
   *
   * @param enabled whether caches and the cache manager are configured
   * @param redis the Redis tier, built from Spring Boot's {@code spring.data.redis.*} connection
   * @param caches the caches by name
   */
  public record Cache(
      @DefaultValue("true") boolean enabled,
      @DefaultValue Redis redis,
      Map<String, CacheSpec> caches) {

    /**
     * Binds the lists to unmodifiable copies.
     *
     * @param enabled the bound value
     * @param redis the bound value
     * @param caches the bound value
     */
    public Cache {
      caches = caches == null ? Map.of() : Map.copyOf(caches);
    }

    void check(Checks checks) {
      redis.configure(RedisTier.builder(RedisURI.create("redis://localhost")), checks);
      caches.forEach((name, spec) -> {
        String property = "hotpath.cache.caches." + name;
        checks.apply(property, () -> {
          TieredCacheBuilder<Object, Object> builder = TieredCache.builder(name);
          spec.configure(builder, property, checks);
          builder.build().close();
        });
      });
    }
  }

  /**
   * The Redis tier shared by the caches that use Redis.
   *
   * @param enabled whether caches with {@code redis=true} use Redis (when a Redis connection is
   *     configured)
   * @param keyPrefix the first part of every key: {@code <prefix>:<cache>:...}
   * @param invalidationChannel the pub/sub channel for invalidations; default
   *     {@code <prefix>:invalidations}
   * @param operationTimeout the bound on every Redis call
   */
  public record Redis(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("hotpath") String keyPrefix,
      String invalidationChannel,
      @DefaultValue("100ms") Duration operationTimeout) {

    void configure(RedisTier.Builder builder, Checks checks) {
      checks.apply("hotpath.cache.redis.key-prefix", () -> builder.keyPrefix(keyPrefix));
      if (invalidationChannel != null) {
        checks.apply("hotpath.cache.redis.invalidation-channel",
            () -> builder.invalidationChannel(invalidationChannel));
      }
      checks.apply("hotpath.cache.redis.operation-timeout",
          () -> builder.operationTimeout(operationTimeout));
    }
  }

  /**
   * One tiered cache.
   *
   * @param maximumSize the most entries kept in memory
   * @param ttl how long a value is fresh; unset means until evicted or invalidated
   * @param staleWhileRevalidate how long past {@code ttl} a value is served while one reload runs
   * @param negativeTtl how long "no value" is remembered; zero is off
   * @param redis whether this cache uses the Redis tier (and cross-node invalidation); needs
   *     {@code value-type}
   * @param valueType the class of the cached values, encoded as JSON in Redis
   * @param keyTags tags each entry gets from its key: {@code album:{key}} tags the entry of key
   *     {@code 42} with {@code album:42}, so invalidating that tag hides it
   */
  public record CacheSpec(
      @DefaultValue("10000") long maximumSize,
      Duration ttl,
      @DefaultValue("0s") Duration staleWhileRevalidate,
      @DefaultValue("0s") Duration negativeTtl,
      @DefaultValue("true") boolean redis,
      Class<?> valueType,
      List<String> keyTags) {

    /**
     * Binds the lists to unmodifiable copies.
     *
     * @param maximumSize the bound value
     * @param ttl the bound value
     * @param staleWhileRevalidate the bound value
     * @param negativeTtl the bound value
     * @param redis the bound value
     * @param valueType the bound value
     * @param keyTags the bound value
     */
    public CacheSpec {
      keyTags = keyTags == null ? List.of() : List.copyOf(keyTags);
    }

    void configure(TieredCacheBuilder<Object, Object> builder, String prefix, Checks checks) {
      checks.apply(prefix + ".maximum-size", () -> builder.maximumSize(maximumSize));
      if (ttl != null) {
        checks.apply(prefix + ".ttl", () -> builder.ttl(ttl));
      }
      checks.apply(prefix + ".stale-while-revalidate",
          () -> builder.staleWhileRevalidate(staleWhileRevalidate));
      checks.apply(prefix + ".negative-ttl", () -> builder.negativeTtl(negativeTtl));
      for (String template : keyTags) {
        if (!template.contains(KEY_PLACEHOLDER)) {
          checks.reject(prefix + ".key-tags",
              "each tag must contain " + KEY_PLACEHOLDER + ", was '" + template + "'");
        }
      }
    }

    /** Where {@link #keyTags} put the key. */
    static final String KEY_PLACEHOLDER = "{key}";
  }

  /**
   * One guard; each policy is on when its properties are set.
   *
   * @param rateLimit calls per period
   * @param circuitBreaker the Resilience4j circuit breaker
   * @param retry retries with exponential backoff and jitter
   * @param bulkhead the cap on concurrent calls
   * @param timeout the bound on each attempt
   * @param deadline the bound on a whole call, retries included
   * @param deduplicate whether concurrent calls with equal keys share one execution
   */
  public record GuardSpec(
      RateLimit rateLimit,
      CircuitBreaker circuitBreaker,
      Retry retry,
      Bulkhead bulkhead,
      Duration timeout,
      Duration deadline,
      @DefaultValue("false") boolean deduplicate) {

    void configure(GuardBuilder<Object, Object> builder, String prefix, Checks checks) {
      if (rateLimit != null) {
        checks.apply(prefix + ".rate-limit", () -> builder.rateLimit(
            rateLimit.permits(), rateLimit.period(), rateLimit.maxWait()));
      }
      if (circuitBreaker != null) {
        checks.apply(prefix + ".circuit-breaker",
            () -> builder.circuitBreaker(circuitBreaker.config()));
      }
      if (retry != null) {
        checks.apply(prefix + ".retry", () -> builder.retry(
            retry.maxAttempts(), retry.initialBackoff(), retry.maxBackoff()));
      }
      if (bulkhead != null) {
        checks.apply(prefix + ".bulkhead",
            () -> builder.bulkhead(bulkhead.maxConcurrentCalls(), bulkhead.maxWait()));
      }
      if (timeout != null) {
        checks.apply(prefix + ".timeout", () -> builder.timeout(timeout));
      }
      if (deadline != null) {
        checks.apply(prefix + ".deadline", () -> builder.deadline(deadline));
      }
      if (deduplicate) {
        builder.deduplicate();
      }
    }
  }

  /**
   * A rate limit.
   *
   * @param permits calls allowed per period
   * @param period the refresh period
   * @param maxWait how long a call waits for a permit before it is rejected
   */
  public record RateLimit(
      @DefaultValue("10") int permits,
      @DefaultValue("1s") Duration period,
      @DefaultValue("0s") Duration maxWait) {}

  /**
   * A circuit breaker.
   *
   * @param failureRateThreshold the failure percentage that opens it, above 0 and at most 100
   * @param slidingWindowSize how many recent calls the rate is computed over
   * @param minimumNumberOfCalls how many calls the window needs before it can open
   * @param waitInOpenState how long it stays open before probing
   * @param permittedCallsInHalfOpenState how many probe calls it lets through
   */
  public record CircuitBreaker(
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("20") int slidingWindowSize,
      @DefaultValue("10") int minimumNumberOfCalls,
      @DefaultValue("30s") Duration waitInOpenState,
      @DefaultValue("3") int permittedCallsInHalfOpenState) {

    CircuitBreakerConfig config() {
      return CircuitBreakerConfig.custom()
          .failureRateThreshold(failureRateThreshold)
          .slidingWindowSize(slidingWindowSize)
          .minimumNumberOfCalls(minimumNumberOfCalls)
          .waitDurationInOpenState(waitInOpenState)
          .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
          .build();
    }
  }

  /**
   * Retries.
   *
   * @param maxAttempts attempts in all, the first included
   * @param initialBackoff the backoff cap before the second attempt
   * @param maxBackoff the largest backoff cap
   */
  public record Retry(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("100ms") Duration initialBackoff,
      @DefaultValue("2s") Duration maxBackoff) {}

  /**
   * A bulkhead.
   *
   * @param maxConcurrentCalls how many calls run at once
   * @param maxWait how long a call waits for a slot before it is rejected
   */
  public record Bulkhead(
      @DefaultValue("10") int maxConcurrentCalls, @DefaultValue("0s") Duration maxWait) {}

  /**
   * hotpath's health checks as Actuator health contributors.
   *
   * @param enabled whether the contributors are registered
   * @param poolMaxPendingThreads how many threads may wait for a connection before a pool is
   *     DEGRADED
   */
  public record Health(
      @DefaultValue("true") boolean enabled, @DefaultValue("10") int poolMaxPendingThreads) {}
}
