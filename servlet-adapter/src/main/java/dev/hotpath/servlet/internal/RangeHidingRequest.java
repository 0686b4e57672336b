package dev.hotpath.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Hides {@code Range} and {@code If-Range} from the application, so it renders the full
 * representation: an {@code If-Range} carrying a tag the ETag filter made can be evaluated only
 * once the body, and so the current tag, is known. The filter then serves the range itself or,
 * when the tag is not current, the full 200 (RFC 9110 section 13.1.5).
 */
public final class RangeHidingRequest extends HiddenHeadersRequest {
  /**
   * Wraps a request.
   *
   * @param request a GET with {@code Range} and an entity-tag {@code If-Range}
   */
  public RangeHidingRequest(HttpServletRequest request) {
    super(request, "Range", "If-Range");
  }
}
