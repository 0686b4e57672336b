package dev.hotpath.examples.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.cache.TieredCache;
import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.resilience.Guard;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET /api/photos/{id}}: one photo, from the {@link TieredCache} (the database only on a
 * miss). {@code GET /api/photos/{id}/labels}: what the vision API sees in it, through a
 * {@link Guard} (cached, de-duplicated, rate-limited, retried on 429). {@code PUT
 * /api/photos/{id}} with a plain-text title: renames the photo, then tells the service, which
 * drops what it cached of it.
 */
final class PhotoServlet extends JsonServlet {

  private static final long serialVersionUID = 1L;
  private static final Pattern PATH = Pattern.compile("/(\\d{1,18})(/labels)?");

  private final transient PhotoStore store;
  private final transient TieredCache<Long, Photo> photos;
  private final transient Guard<Long, Labels> vision;
  private final transient FakeVisionApi visionApi;
  private final transient LongConsumer changed;

  PhotoServlet(ObjectMapper json, PhotoStore store, TieredCache<Long, Photo> photos,
      Guard<Long, Labels> vision, FakeVisionApi visionApi, LongConsumer changed) {
    super(json);
    this.store = store;
    this.photos = photos;
    this.vision = vision;
    this.visionApi = visionApi;
    this.changed = changed;
  }

  @Override
  protected void doPut(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
    String title = new String(request.getInputStream().readNBytes(201), StandardCharsets.UTF_8).strip();
    if (!path.matches() || path.group(2) != null) {
      sendError(response, HttpServletResponse.SC_NOT_FOUND, "no such resource");
    } else if (title.isEmpty() || title.length() > 200) {
      sendError(response, HttpServletResponse.SC_BAD_REQUEST, "a title has 1 to 200 characters");
    } else {
      long id = Long.parseLong(path.group(1));
      try {
        if (!store.retitle(id, title)) {
          sendError(response, HttpServletResponse.SC_NOT_FOUND, "no photo " + id);
          return;
        }
      } catch (SQLException e) {
        throw new ServletException(e);
      }
      changed.accept(id);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
    if (!path.matches()) {
      sendError(response, HttpServletResponse.SC_NOT_FOUND, "no such resource");
      return;
    }
    long id = Long.parseLong(path.group(1));
    Photo photo = cachedPhoto(id);
    if (photo == null) {
      sendError(response, HttpServletResponse.SC_NOT_FOUND, "no photo " + id);
    } else if (path.group(2) == null) {
      send(response, HttpServletResponse.SC_OK, photo);
    } else {
      sendLabels(response, id);
    }
  }

  /** The pool and the cache add their own Server-Timing entries (db, cache-hit, cache-load). */
  private Photo cachedPhoto(long id) {
    return photos.get(id, store::find); // null: no such photo, and nothing is cached
  }

  private void sendLabels(HttpServletResponse response, long id)
      throws IOException, ServletException {
    try {
      send(response, HttpServletResponse.SC_OK, vision.call(id, () -> visionApi.label(id)));
    } catch (CallRejectedException rejected) {
      // The guard refused (our own rate limit, open circuit, full bulkhead) or cut the call.
      boolean rateLimited = rejected.reason() == CallRejectedException.Reason.RATE_LIMITED;
      if (rateLimited) {
        response.setHeader("Retry-After", String.valueOf(GalleryService.VISION_RATE_WINDOW.toSeconds()));
      }
      sendError(response,
          rateLimited ? 429 : HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          rejected.guardName() + ": " + rejected.reason());
    } catch (VisionApiThrottledException stillThrottled) {
      // Every retry got a 429 too.
      sendError(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, stillThrottled.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new ServletException(interrupted);
    } catch (Exception failure) {
      throw new ServletException(failure);
    }
  }
}
