package dev.hotpath.examples.boot;

import dev.hotpath.examples.gallery.Photo;
import dev.hotpath.examples.gallery.PhotoStore;
import dev.hotpath.spring.boot.InvalidateTags;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import javax.sql.DataSource;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Photos through the {@code photos} cache: reads with {@code @Cacheable}, and a new upload of a
 * photo invalidates its tag {@code photo:<id>} (the cache's {@code key-tags}) on every node.
 */
@Service
public class PhotoCatalog {
  /** The cache of photos by id, declared under {@code hotpath.cache.caches.photos}. */
  static final String PHOTOS = "photos";

  private final PhotoStore store;
  private final JdbcTemplate jdbc;

  PhotoCatalog(PhotoStore store, DataSource db) {
    this.store = store;
    this.jdbc = new JdbcTemplate(db);
  }

  /**
   * One photo; the database only on a miss, and one load per id however many miss at once.
   *
   * @param id the photo's id
   * @return the photo, or null (cached for the cache's {@code negative-ttl}, here never)
   * @throws SQLException if the database fails
   */
  @Cacheable(cacheNames = PHOTOS, sync = true)
  public Photo photo(long id) throws SQLException {
    return store.find(id);
  }

  /**
   * Stores a new upload of a photo under a new title, then invalidates the photo's tag.
   *
   * @param id the photo's id
   * @param title the new title
   * @return whether the photo exists
   */
  @InvalidateTags("photo:#id")
  public boolean upload(long id, String title) {
    return jdbc.update("UPDATE photo SET title = ?, taken_at = ? WHERE id = ?",
        title, Timestamp.valueOf(LocalDateTime.now()), id) == 1;
  }
}
