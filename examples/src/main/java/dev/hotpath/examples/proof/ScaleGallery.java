package dev.hotpath.examples.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.cache.RedisTier;
import dev.hotpath.examples.JettyLifecycle;
import dev.hotpath.metrics.LatencyRecorder;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.LatencySnapshot;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.servlet.Hotpath;
import dev.hotpath.servlet.HotpathOptions;
import dev.hotpath.servlet.TimingFilter;
import io.lettuce.core.RedisURI;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The photo gallery at scale: the {@link ScaleApiServlet} on embedded Jetty over the
 * {@link ScaleDataset} on PostgreSQL, built as one of the three {@link ProofMode}s. Every mode
 * measures itself the same way (a {@link HotpathDataSource} and a {@link TimingFilter}, whose
 * {@code Server-Timing} header carries the statements a request ran); only the hotpath modes add
 * the other blocks.
 *
 * <p>{@code GET /proof/stats} answers the statements by total time (for {@code PostgresExplain})
 * and the vision API's call count.
 */
public final class ScaleGallery implements AutoCloseable {

  /**
   * How to start.
   *
   * @param mode which build
   * @param database the dataset's database
   * @param photos the seeded photo count (uploads after it are removed at start)
   * @param cursorSecret the keyset cursor signing key; the load driver signs with it too
   * @param redisUri the caches' Redis, or null for memory only
   */
  public record Config(ProofMode mode, ProofDatabase database, long photos, byte[] cursorSecret,
      String redisUri) {}

  /** What the proof's cursor key is derived from ({@link #cursorSecret}). */
  public static final String CURSOR_KEY_NAME = "hotpath-proof-cursors";
  /** Connections in the pool: the same for every mode. */
  static final int POOL_SIZE = 16;

  private final ProofMode mode;
  private final LatencyRegistry metrics = LatencyRegistry.create();
  private final SlowVisionApi visionApi = SlowVisionApi.standard();
  private final HotpathDataSource db;
  private final GalleryCaches caches;
  private final VisionLabels vision;
  private final Server server;

  private ScaleGallery(Config config, int port) throws Exception {
    mode = config.mode();
    db = dataSource(config.database());
    try (Connection c = db.getConnection()) {
      ScaleDataset.resetUploads(c, config.photos());
    }
    caches = mode.caching() ? GalleryCaches.on(metrics, redis(config.redisUri())) : GalleryCaches.off();
    vision = mode.blocks()
        ? VisionLabels.guarded(visionApi, caches.labels(), metrics)
        : VisionLabels.direct(visionApi);
    GalleryQueries queries = mode.blocks()
        ? new HotpathQueries(db, HotpathQueries.keyset(config.cursorSecret()))
        : new NaiveQueries(db);
    QueuedThreadPool threads = new QueuedThreadPool(400, 8);
    threads.setName("gallery-" + mode.label());
    server = new Server(threads);
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1"); // the proof only ever runs on loopback
    connector.setPort(port);
    connector.setAcceptQueueSize(1024);
    server.addConnector(connector);
    server.setHandler(routesAndFilters(queries));
    JettyLifecycle.start(server, this::releaseBlocks);
  }

  /**
   * Starts the gallery.
   *
   * @param config the mode and dataset
   * @param port the port on 127.0.0.1, 0 for any free port
   * @return the running gallery
   * @throws Exception if the database, Redis or Jetty cannot start
   */
  public static ScaleGallery start(Config config, int port) throws Exception {
    return new ScaleGallery(config, port);
  }

  /**
   * A fixed cursor key derived from a name, so the load driver can sign the cursors of deep
   * pages (a real service loads its key from its secrets).
   *
   * @param name any text
   * @return 32 bytes
   */
  public static byte[] cursorSecret(String name) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Runs one mode until stopped, for the proof's forked JVMs: prints {@code READY <port>} once
   * it listens. Arguments: mode, photo count, database, port (0 for any).
   *
   * @param args {@code naive|hotpath|hotpath-no-cache <photos> <database> <port>}
   * @throws Exception if it cannot start
   */
  public static void main(String[] args) throws Exception {
    Config config = new Config(ProofMode.of(args[0]),
        ProofDatabase.fromEnvironment(args[2]), Long.parseLong(args[1]),
        cursorSecret(CURSOR_KEY_NAME), System.getenv("HOTPATH_REDIS_URI"));
    ScaleGallery gallery = start(config, Integer.parseInt(args[3]));
    Runtime.getRuntime().addShutdownHook(new Thread(gallery::close));
    System.out.println("READY " + gallery.uri().getPort());
    System.out.flush();
    gallery.server.join();
  }

  /**
   * Returns the base URI, e.g. {@code http://127.0.0.1:41234/}.
   *
   * @return the server's address
   */
  public URI uri() {
    return URI.create("http://127.0.0.1:"
        + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/");
  }

  /** Stops Jetty, then the vision batches, caches and pool. */
  @Override
  public void close() {
    JettyLifecycle.stop(server, this::releaseBlocks);
  }

  private void releaseBlocks() {
    vision.close();
    caches.close();
    db.close();
  }

  // ---- Servlets and filters: the only place the gallery's HTTP wiring lives. ----------------

  private ServletContextHandler routesAndFilters(GalleryQueries queries) {
    ServletContextHandler context = new ServletContextHandler("/");
    context.addEventListener(new ServletContextListener() {
      @Override
      public void contextInitialized(ServletContextEvent event) {
        HotpathOptions.Builder filters = HotpathOptions.builder()
            .timing(TimingFilter.builder().metrics(metrics).build());
        if (!mode.blocks()) {
          // Naive: no de-dup, compression or validators; timing stays, to count statements.
          filters.without(Hotpath.Layer.DEDUP, Hotpath.Layer.COMPRESSION, Hotpath.Layer.ETAG);
        }
        Hotpath.install(event.getServletContext(), filters.urlPatterns(List.of("/api/*")).build());
      }
    });
    context.addServlet(new ServletHolder(new ScaleApiServlet(mode, queries, caches, vision)),
        "/api/*");
    context.addServlet(new ServletHolder(new StatsServlet()), "/proof/stats");
    return context;
  }

  // ---- End of the wiring. ------------------------------------------------------------------

  /** The statements by total time and the vision API's counts, as JSON. */
  private final class StatsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      List<Map<String, Object>> statements = new ArrayList<>();
      for (Map.Entry<MetricId, LatencyRecorder> series : metrics.series().entrySet()) {
        if (!series.getKey().name().equals(HotpathDataSource.STATEMENT_METRIC)) {
          continue;
        }
        LatencySnapshot all = series.getValue().allTime();
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("fingerprint",
            series.getKey().tagValue(HotpathDataSource.FINGERPRINT_TAG).orElse("?"));
        statement.put("count", all.count());
        statement.put("meanMs", all.mean() / 1e6);
        statement.put("p95Ms", all.p95() / 1e6);
        statement.put("totalMs", all.mean() * all.count() / 1e6);
        statements.add(statement);
      }
      statements.sort(Comparator.comparingDouble(s -> -(double) s.get("totalMs")));
      Map<String, Object> stats = new LinkedHashMap<>();
      stats.put("mode", mode.label());
      stats.put("statements", statements);
      stats.put("visionCalls", visionApi.calls());
      stats.put("visionImages", visionApi.images());
      response.setContentType("application/json");
      new ObjectMapper().writeValue(response.getOutputStream(), stats);
    }
  }

  private HotpathDataSource dataSource(ProofDatabase database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(database.jdbcUrl());
    config.setUsername(database.user());
    config.setPassword(database.password());
    config.setMaximumPoolSize(POOL_SIZE);
    config.setConnectionTimeout(10_000);
    return HotpathDataSource.builder()
        .name("gallery-" + mode.label())
        .hikari(config)
        .slowQueryThreshold(Duration.ofSeconds(5)) // the proof reads plans, not slow-query logs
        .nPlusOne(NPlusOnePolicy.OFF, 5)
        .metrics(metrics)
        .build();
  }

  private static RedisTier redis(String uri) {
    return uri == null || uri.isBlank()
        ? null
        : RedisTier.builder(RedisURI.create(uri)).keyPrefix("hotpath-proof").build();
  }
}
