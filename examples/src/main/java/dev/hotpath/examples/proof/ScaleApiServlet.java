package dev.hotpath.examples.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hotpath.cache.CacheLoadException;
import dev.hotpath.examples.gallery.VisionApiThrottledException;
import dev.hotpath.resilience.CallRejectedException;
import dev.hotpath.servlet.RouteResolver;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scale gallery's API, the same in every mode (what differs is the {@link GalleryQueries},
 * the {@link GalleryCaches} and the {@link VisionLabels} it is given):
 *
 * <ul>
 *   <li>{@code GET /api/photos?page=<n>} (naive) or {@code ?after=<cursor>} (hotpath): the list;
 *   <li>{@code GET /api/search?q=<word>}: full-text search over descriptions;
 *   <li>{@code GET /api/tags/<tag>/photos}: the tag filter;
 *   <li>{@code GET /api/photos/<id>}: the detail; {@code GET /api/photos/<id>/labels}: the
 *       vision API's labels;
 *   <li>{@code POST /api/photos}: an upload ({@link NewPhoto} as JSON), which invalidates by tag.
 * </ul>
 */
final class ScaleApiServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final int DEFAULT_SIZE = 20;
  private static final Pattern PHOTO = Pattern.compile("/photos/(\\d{1,18})(/labels)?");
  private static final Pattern TAG = Pattern.compile("/tags/([a-z]{1,40})/photos");
  private static final Pattern WORD = Pattern.compile("[a-z]{1,40}");

  private final transient ObjectMapper json = new ObjectMapper();
  private final transient GalleryQueries queries;
  private final transient GalleryCaches caches;
  private final transient VisionLabels vision;
  private final String positionParameter;

  ScaleApiServlet(ProofMode mode, GalleryQueries queries, GalleryCaches caches,
      VisionLabels vision) {
    this.queries = queries;
    this.caches = caches;
    this.vision = vision;
    this.positionParameter = mode.blocks() ? "after" : "page";
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = String.valueOf(request.getPathInfo());
    try {
      int size = size(request);
      Matcher photo = PHOTO.matcher(path);
      Matcher tag = TAG.matcher(path);
      if ("/photos".equals(path)) {
        route(request, "GET /api/photos");
        String position = request.getParameter(positionParameter);
        // Pages after a cursor stay the same when newer photos arrive: only the first is tagged.
        send(response, 200, caches.page("list:" + position + ":" + size,
            position == null ? List.of(GalleryCaches.NEWEST) : List.of(),
            key -> queries.list(position, size)));
      } else if ("/search".equals(path)) {
        route(request, "GET /api/search");
        String word = word(request.getParameter("q"));
        send(response, 200, caches.page("search:" + word + ":" + size, List.of("word:" + word),
            key -> queries.search(word, size)));
      } else if (tag.matches()) {
        route(request, "GET /api/tags/{tag}/photos");
        String name = tag.group(1);
        send(response, 200, caches.page("tag:" + name + ":" + size, List.of("tag:" + name),
            key -> queries.byTag(name, size)));
      } else if (photo.matches()) {
        long id = Long.parseLong(photo.group(1));
        boolean labels = photo.group(2) != null;
        route(request, labels ? "GET /api/photos/{id}/labels" : "GET /api/photos/{id}");
        PhotoDetail detail = caches.detail(id, queries::detail);
        if (detail == null) {
          send(response, 404, Map.of("error", "no photo " + id));
        } else {
          send(response, 200, labels ? vision.labels(id) : detail);
        }
      } else {
        send(response, 404, Map.of("error", "no such resource"));
      }
    } catch (Exception e) {
      fail(response, e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!"/photos".equals(request.getPathInfo())) {
      send(response, 404, Map.of("error", "no such resource"));
      return;
    }
    route(request, "POST /api/photos");
    try {
      NewPhoto upload = json.readValue(request.getInputStream(), NewPhoto.class);
      long id = queries.upload(upload);
      caches.invalidateTags(changedBy(upload));
      send(response, 201, Map.of("id", id));
    } catch (Exception e) {
      fail(response, e);
    }
  }

  /** The cache tags an upload changes: the newest page, its words' searches, its tags' pages. */
  static Set<String> changedBy(NewPhoto upload) {
    Set<String> tags = new LinkedHashSet<>();
    tags.add(GalleryCaches.NEWEST);
    for (String word : upload.description().toLowerCase(java.util.Locale.ROOT).split("\\W+")) {
      if (WORD.matcher(word).matches()) {
        tags.add("word:" + word);
      }
    }
    upload.tags().forEach(tag -> tags.add("tag:" + tag));
    return tags;
  }

  private static void route(HttpServletRequest request, String route) {
    request.setAttribute(RouteResolver.ROUTE_ATTRIBUTE, route);
  }

  private static int size(HttpServletRequest request) {
    String size = request.getParameter("size");
    int value = size == null ? DEFAULT_SIZE : Integer.parseInt(size);
    if (value < 1 || value > 100) {
      throw new IllegalArgumentException("size must be between 1 and 100, was " + value);
    }
    return value;
  }

  private static String word(String q) {
    if (q == null || !WORD.matcher(q).matches()) {
      throw new IllegalArgumentException("q must be one word of 1 to 40 letters a-z");
    }
    return q;
  }

  private void fail(HttpServletResponse response, Exception e) throws IOException {
    Throwable cause = e instanceof CacheLoadException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof IllegalArgumentException bad) { // bad page, cursor, size or word
      send(response, 400, Map.of("error", String.valueOf(bad.getMessage())));
    } else if (cause instanceof CallRejectedException rejected) {
      boolean limited = rejected.reason() == CallRejectedException.Reason.RATE_LIMITED;
      send(response, limited ? 429 : 503, Map.of("error", rejected.guardName() + ": "
          + rejected.reason()));
    } else if (cause instanceof VisionApiThrottledException throttled) {
      send(response, 503, Map.of("error", throttled.getMessage()));
    } else {
      log("request failed", e);
      send(response, 500, Map.of("error", cause.getClass().getSimpleName()));
    }
  }

  private void send(HttpServletResponse response, int status, Object body) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.setStatus(status);
    response.setContentType("application/json");
    if (status >= 400) {
      response.setHeader("Cache-Control", "no-store");
    }
    try (OutputStream out = response.getOutputStream()) {
      json.writeValue(out, body);
    }
  }
}
