package dev.hotpath.examples.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.cache.Codec;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.core.HealthRegistry;
import dev.hotpath.examples.JettyLifecycle;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.resilience.Guard;
import dev.hotpath.servlet.CacheControlFilter;
import dev.hotpath.servlet.CachePolicy;
import dev.hotpath.servlet.ClientKey;
import dev.hotpath.servlet.DedupFilter;
import dev.hotpath.servlet.HealthServlet;
import dev.hotpath.servlet.Hotpath;
import dev.hotpath.servlet.HotpathOptions;
import dev.hotpath.servlet.MetricsServlet;
import dev.hotpath.servlet.MonitoringAccess;
import dev.hotpath.servlet.RateLimit;
import dev.hotpath.servlet.RateLimitFilter;
import dev.hotpath.servlet.ResponseCacheFilter;
import dev.hotpath.servlet.ResponseCacheRule;
import dev.hotpath.servlet.TimingFilter;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.lettuce.core.RedisURI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The photo-gallery service: every hotpath block wired into one embedded Jetty 12 server.
 *
 * <ul>
 *   <li>{@code GET /api/photos?after=<cursor>}: keyset pages from H2 through a
 *       {@link HotpathDataSource}, tags batched with a {@code BatchLoader};
 *   <li>{@code GET /api/naive/photos}: the same page with one tag query per photo, which the
 *       data source reports as N+1;
 *   <li>{@code GET /api/photos/{id}}: through a {@link TieredCache} (in memory; plus Redis when
 *       {@code HOTPATH_REDIS_URI} is set);
 *   <li>{@code GET /api/photos/{id}/labels}: a slow, sometimes-429 vision API behind a
 *       {@link Guard};
 *   <li>{@code PUT /api/photos/{id}}: a new title; drops the photo from the data cache and its
 *       page from the response cache ({@code invalidateTag("photo:<id>")});
 *   <li>{@code /health/*} and {@code /metrics/*}; in front of it all, {@link Hotpath#install}'s
 *       filters: timing and Server-Timing, a per-client rate limit on labels
 *       ({@link #LABELS_PER_CLIENT_PER_MINUTE}), the response cache of photo pages,
 *       de-duplication, Cache-Control, gzip, ETag.
 * </ul>
 *
 * <p>One {@link LatencyRegistry} is shared by every block, so {@code /metrics} shows routes, SQL
 * shapes, cache loads and vision calls side by side. Metrics and health details are for
 * operators: send {@code Authorization: Bearer <token>}, the token from the environment variable
 * {@code HOTPATH_MONITORING_TOKEN} or, without it, {@link #monitoringToken()}'s random one.
 */
public final class GalleryService implements AutoCloseable {

  /** Photos in the seeded database. */
  static final int PHOTOS = 30;
  /** Vision API calls the guard allows per {@link #VISION_RATE_WINDOW} (the API's quota). */
  static final int VISION_RATE_LIMIT = 4;
  /** The window of {@link #VISION_RATE_LIMIT}. */
  static final Duration VISION_RATE_WINDOW = Duration.ofSeconds(10);
  /** A page with more statements of one shape than this is reported as N+1. */
  static final int N_PLUS_ONE_THRESHOLD = 5;
  /** Label requests one client may send per minute (by X-Api-Key, else by address). */
  static final int LABELS_PER_CLIENT_PER_MINUTE = 60;

  private final LatencyRegistry metrics = LatencyRegistry.create();
  private final QueryWatch queries = new QueryWatch();
  private final FakeVisionApi visionApi =
      new FakeVisionApi(Duration.ofMillis(40), 3, Duration.ofMillis(20));
  private final DedupFilter dedup = DedupFilter.create();
  private final RateLimitFilter labelLimits = RateLimitFilter.builder()
      .routes(GalleryService::labelsRoute)
      .rule(LABELS_ROUTE, RateLimit.of("labels", LABELS_PER_CLIENT_PER_MINUTE, Duration.ofMinutes(1)))
      .clientKey(ClientKey.apiKeyHeader("X-Api-Key").orElse(ClientKey.remoteAddress()))
      .build();
  // Photo pages are public: one stored page serves everyone, until the photo changes.
  private final ResponseCacheFilter photoPages = ResponseCacheFilter.builder()
      .rule("GET /api/photos/*", ResponseCacheRule.ttl(Duration.ofMinutes(5))
          .staleWhileRevalidate(Duration.ofSeconds(30))
          .pathTemplate("/api/photos/{id}").tags("photo:{id}")
          .shared())
      .metrics(metrics)
      .build();
  private final HotpathDataSource db;
  private final RedisTier redis;
  private final TieredCache<Long, Photo> photoCache;
  private final TieredCache<Long, Labels> labelCache;
  private final Guard<Long, Labels> vision;
  private final HealthRegistry health = HealthRegistry.builder().build();
  private final String monitoringToken = monitoringTokenFromEnvironment();
  private final Server server;

  private GalleryService(int port, RedisTier redis) throws Exception {
    db = dataSource();
    PhotoStore store = new PhotoStore(db, PhotoStore.keyset(cursorSecret(), 50));
    store.createAndSeed(PHOTOS);
    this.redis = redis;
    photoCache = cache("photos", Photo.class);
    labelCache = cache("labels", Labels.class);
    vision = visionGuard();
    health.register("db", db.healthCheck(2));
    health.register("vision-api", vision.healthCheck(), false);
    if (redis != null) {
      health.register("redis", redis.healthCheck(), false);
      // The database is seeded afresh at each start: what Redis kept from an earlier run is stale.
      photoCache.invalidateAll();
      labelCache.invalidateAll();
    }

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(routes(store));
    JettyLifecycle.start(server, this::releaseBlocks);
  }

  /**
   * Seeds the database and starts the server. The caches are in memory only, unless the
   * environment variable {@code HOTPATH_REDIS_URI} (e.g. {@code redis://127.0.0.1:6379}) names a
   * Redis to use as their second tier.
   *
   * @param port the port to listen on, 0 for any free port
   * @return the running service
   * @throws Exception if the database, Redis or the server cannot start
   */
  public static GalleryService start(int port) throws Exception {
    String uri = System.getenv("HOTPATH_REDIS_URI");
    return start(port, uri == null || uri.isBlank()
        ? null
        : RedisTier.builder(RedisURI.create(uri)).keyPrefix("hotpath-gallery").build());
  }

  /**
   * Seeds the database and starts the server with the caches' second tier in this Redis.
   *
   * @param port the port to listen on, 0 for any free port
   * @param redis the caches' Redis tier, or null for in-memory caches; closed with the service
   * @return the running service
   * @throws Exception if the database or the server cannot start
   */
  static GalleryService start(int port, RedisTier redis) throws Exception {
    return new GalleryService(port, redis);
  }

  /**
   * Runs the service until the process is stopped: {@code -Dexec.mainClass=}this class.
   *
   * @param args the port, 8080 when absent
   * @throws Exception if the service cannot start
   */
  public static void main(String[] args) throws Exception {
    GalleryService gallery = start(args.length > 0 ? Integer.parseInt(args[0]) : 8080);
    Runtime.getRuntime().addShutdownHook(new Thread(gallery::close));
    System.out.println("gallery at " + gallery.uri() + "api/photos (Ctrl-C stops it)");
    gallery.server.join();
  }

  /**
   * Returns the base URI, e.g. {@code http://127.0.0.1:41234/}.
   *
   * @return the server's address
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0])
        .getLocalPort() + "/");
  }

  /**
   * Returns the stand-in vision API, to count its requests or hold them.
   *
   * @return the vision API
   */
  public FakeVisionApi visionApi() {
    return visionApi;
  }

  /**
   * Returns what the data source's listener saw, including N+1 reports.
   *
   * @return the query watch
   */
  public QueryWatch queries() {
    return queries;
  }

  /**
   * Returns how many requests are inside the de-duplication filter: running or waiting to share
   * a running one's response.
   *
   * @return requests in flight
   */
  public int requestsInDedup() {
    return dedup.inFlight();
  }

  /**
   * Returns the guard of the vision API, for its counts.
   *
   * @return the guard
   */
  public Guard<Long, Labels> vision() {
    return vision;
  }

  /**
   * Returns the latency registry every block records into.
   *
   * @return the shared registry
   */
  public LatencyRegistry metrics() {
    return metrics;
  }

  /** Stops the server, then releases the caches, Redis and the pool. */
  @Override
  public void close() {
    JettyLifecycle.stop(server, this::releaseBlocks);
  }

  private void releaseBlocks() {
    health.close();
    photoCache.close();
    labelCache.close();
    if (redis != null) {
      redis.close();
    }
    db.close();
  }

  private ServletContextHandler routes(PhotoStore store) {
    ObjectMapper json = new ObjectMapper();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(new FilterChainSetup());
    context.addServlet(new ServletHolder(new PhotoListServlet(json, store::page)), "/api/photos");
    context.addServlet(new ServletHolder(
        new PhotoServlet(json, store, photoCache, vision, visionApi, this::photoChanged)),
        "/api/photos/*");
    context.addServlet(new ServletHolder(
        new PhotoListServlet(json, store::pageOneQueryPerPhoto)), "/api/naive/photos");
    context.addServlet(new ServletHolder(new HealthServlet(health, operators())), "/health/*");
    ServletHolder metricsServlet =
        new ServletHolder(new MetricsServlet(metrics, Duration.ofSeconds(1), operators()));
    metricsServlet.setAsyncSupported(true); // its /metrics/stream is async
    context.addServlet(metricsServlet, "/metrics/*");
    return context;
  }

  private HotpathDataSource dataSource() {
    HikariConfig config = new HikariConfig();
    // A fresh in-memory database per service, so tests and demos never share rows.
    config.setJdbcUrl("jdbc:h2:mem:gallery-" + UUID.randomUUID());
    config.setMaximumPoolSize(4);
    return HotpathDataSource.builder()
        .name("gallery")
        .hikari(config)
        .slowQueryThreshold(Duration.ofMillis(200))
        .nPlusOne(NPlusOnePolicy.LOG, N_PLUS_ONE_THRESHOLD)
        .listener(queries)
        .metrics(metrics)
        .build();
  }

  /** The labels endpoint's own route name; the servlet mapping covers photos and labels. */
  private static final String LABELS_ROUTE = "GET /api/photos/{id}/labels";

  private static String labelsRoute(jakarta.servlet.http.HttpServletRequest request) {
    return "GET".equals(request.getMethod())
        && String.valueOf(request.getPathInfo()).endsWith("/labels") ? LABELS_ROUTE : null;
  }

  /** A photo changed: drop it from the data cache and its page from the response cache. */
  private void photoChanged(long id) {
    photoCache.invalidate(id);
    photoPages.invalidateTag("photo:" + id);
  }

  /**
   * Returns the bearer token that opens {@code /metrics/*} and the health details.
   *
   * @return the monitoring token
   */
  public String monitoringToken() {
    return monitoringToken;
  }

  private MonitoringAccess operators() {
    return MonitoringAccess.bearerToken(monitoringToken);
  }

  private static String monitoringTokenFromEnvironment() {
    String configured = System.getenv("HOTPATH_MONITORING_TOKEN");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    return java.util.HexFormat.of().formatHex(random);
  }

  private static byte[] cursorSecret() {
    // A real service loads this from its secrets, so cursors stay valid across restarts and nodes.
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  private <V> TieredCache<Long, V> cache(String name, Class<V> type) {
    var builder = TieredCache.<Long, V>builder(name)
        .maximumSize(10_000)
        .ttl(Duration.ofMinutes(10))
        .metrics(metrics);
    if (redis != null) {
      builder.redisTier(redis, Codec.json(type));
    }
    return builder.build();
  }

  private Guard<Long, Labels> visionGuard() {
    return Guard.builder("vision-api")
        // Labels never change and every call is billed: answer repeats from the cache.
        .<Long, Labels>cache((photoId, load) -> labelCache.get(photoId, load::apply))
        .deduplicate()
        .bulkhead(8, Duration.ZERO)
        .rateLimit(VISION_RATE_LIMIT, VISION_RATE_WINDOW, Duration.ZERO)
        .circuitBreaker(CircuitBreakerConfig.ofDefaults())
        .retry(3, Duration.ofMillis(10), Duration.ofMillis(200)) // 429s carry Retry-After
        .timeout(Duration.ofSeconds(5))
        .deadline(Duration.ofSeconds(10))
        .metrics(metrics)
        .build();
  }

  /** Installs the filter chain while the context starts (the only time the Servlet API allows). */
  private final class FilterChainSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
      Hotpath.install(event.getServletContext(), HotpathOptions.builder()
          .timing(TimingFilter.builder().metrics(metrics).build())
          .rateLimit(labelLimits)
          .responseCache(photoPages)
          .dedup(dedup)
          .cacheControl(CacheControlFilter.builder()
              .rule("/api/*", CachePolicy.noCache()) // always revalidate: cheap with ETags
              .build())
          .build());
    }
  }
}
