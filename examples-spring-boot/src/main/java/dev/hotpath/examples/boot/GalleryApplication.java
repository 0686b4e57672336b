package dev.hotpath.examples.boot;

import dev.hotpath.examples.gallery.FakeVisionApi;
import dev.hotpath.examples.gallery.PhotoStore;
import dev.hotpath.spring.boot.TieredCacheManager;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * The gallery of {@code hotpath-examples} as a Spring Boot application: the same store, records
 * and fake vision API, with hotpath configured by the starter from {@code application.properties}
 * instead of by hand. The database is the H2 pool Boot builds (wrapped by the starter), the
 * {@code photos} cache backs {@code @Cacheable}, and the {@code vision-api} guard is a bean.
 */
@SpringBootApplication
@EnableCaching
public class GalleryApplication {
  private static final int PHOTOS = 30;
  private static final int MAX_PAGE_SIZE = 50;

  /** Created by Spring. */
  public GalleryApplication() {}

  /**
   * Starts the gallery; {@code --server.port=8080} and any other property may be given.
   *
   * @param args Spring Boot's command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(GalleryApplication.class, args);
  }

  /**
   * The photos, created and seeded at each start (H2 in memory). The cache is emptied then too:
   * with Redis its entries outlive the process, and a new seed makes them wrong.
   *
   * @param db the wrapped pool
   * @param caches hotpath's cache manager
   * @return the store
   * @throws SQLException if the database fails
   */
  @Bean
  PhotoStore photoStore(DataSource db, TieredCacheManager caches) throws SQLException {
    // A random cursor key per start: cursors die with the process (see examples/README.md).
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    PhotoStore store = new PhotoStore(db, PhotoStore.keyset(secret, MAX_PAGE_SIZE));
    store.createAndSeed(PHOTOS);
    caches.tieredCache(PhotoCatalog.PHOTOS).invalidateAll();
    return store;
  }

  /**
   * The paid labelling API the {@code vision-api} guard protects: 40 ms a call, every third
   * request answered 429 with {@code Retry-After: 20 ms}.
   *
   * @return the fake API
   */
  @Bean
  FakeVisionApi visionApi() {
    return new FakeVisionApi(Duration.ofMillis(40), 3, Duration.ofMillis(20));
  }
}
