package dev.hotpath.examples.boot;

import dev.hotpath.examples.gallery.FakeVisionApi;
import dev.hotpath.examples.gallery.Labels;
import dev.hotpath.examples.gallery.Photo;
import dev.hotpath.examples.gallery.PhotoPage;
import dev.hotpath.examples.gallery.PhotoStore;
import dev.hotpath.pool.InvalidCursorException;
import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.resilience.Guard;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The gallery's endpoints, those of {@code GalleryService} in {@code hotpath-examples}, plus
 * {@code PUT /api/photos/{id}} (a new upload of a photo). Timing, {@code Server-Timing}, gzip
 * and ETags come from the filters the starter registers; nothing here knows about them.
 */
@RestController
public class GalleryController {
  private final PhotoStore store;
  private final PhotoCatalog catalog;
  private final Guard<Long, Labels> vision;
  private final FakeVisionApi visionApi;

  GalleryController(PhotoStore store, PhotoCatalog catalog,
      @Qualifier("vision-api") Guard<Long, Labels> vision, FakeVisionApi visionApi) {
    this.store = store;
    this.catalog = catalog;
    this.vision = vision;
    this.visionApi = visionApi;
  }

  /**
   * A keyset page, newest first, with the tags of the whole page in one statement.
   *
   * @param after the cursor of the page before, if any
   * @param size the page size, 1 to 50
   * @return the page
   * @throws SQLException if the database fails
   */
  @GetMapping("/api/photos")
  public PhotoPage photos(@RequestParam(required = false) String after,
      @RequestParam(defaultValue = "10") int size) throws SQLException {
    return store.page(after, size);
  }

  /**
   * The same page with one tag query per photo: the N+1 the pool reports.
   *
   * @param after the cursor of the page before, if any
   * @param size the page size, 1 to 50
   * @return the page
   * @throws SQLException if the database fails
   */
  @GetMapping("/api/naive/photos")
  public PhotoPage naivePhotos(@RequestParam(required = false) String after,
      @RequestParam(defaultValue = "10") int size) throws SQLException {
    return store.pageOneQueryPerPhoto(after, size);
  }

  /**
   * One photo, from the {@code photos} cache, to be revalidated on every use: clients keep it
   * and ask again with its ETag, which the starter's filter answers with a 304.
   *
   * @param id the photo's id
   * @return the photo with {@code Cache-Control: no-cache}, or 404 for an unknown photo
   * @throws SQLException if the database fails
   */
  @GetMapping("/api/photos/{id}")
  public ResponseEntity<Photo> photo(@PathVariable long id) throws SQLException {
    Photo photo = catalog.photo(id);
    if (photo == null) {
      return ResponseEntity.notFound().build();
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(photo);
  }

  /**
   * A new upload of a photo: its new title as the body.
   *
   * @param id the photo's id
   * @param title the new title
   * @throws ResponseStatusException 404 for an unknown photo
   */
  @PutMapping("/api/photos/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  public void upload(@PathVariable long id, @RequestBody String title) {
    if (!catalog.upload(id, title)) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no photo " + id);
    }
  }

  /**
   * The photo's labels from the vision API, through the {@code vision-api} guard.
   *
   * @param id the photo's id
   * @return the labels
   * @throws Exception the API's failure when the guard's retries did not help
   */
  @GetMapping("/api/photos/{id}/labels")
  public Labels labels(@PathVariable long id) throws Exception {
    return vision.call(id, () -> visionApi.label(id));
  }

  /**
   * Our own rate limit (429), or an open circuit, full bulkhead or timeout (503).
   *
   * @param rejected what the guard refused
   * @return the error
   */
  @ExceptionHandler(CallRejectedException.class)
  public ResponseEntity<Map<String, String>> rejected(CallRejectedException rejected) {
    HttpStatus status = rejected.reason() == CallRejectedException.Reason.RATE_LIMITED
        ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.SERVICE_UNAVAILABLE;
    return ResponseEntity.status(status)
        .body(Map.of("error", rejected.guardName() + ": " + rejected.reason()));
  }

  /**
   * A cursor this service did not make, or a page size out of bounds.
   *
   * @param bad the failure; its message names the rule, never the cursor's content
   * @return 400
   */
  @ExceptionHandler({InvalidCursorException.class, IllegalArgumentException.class})
  public ResponseEntity<Map<String, String>> badRequest(RuntimeException bad) {
    return ResponseEntity.badRequest().body(Map.of("error", bad.getMessage()));
  }
}
