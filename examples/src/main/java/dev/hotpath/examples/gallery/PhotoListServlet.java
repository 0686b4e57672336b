package dev.hotpath.examples.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.SQLException;

/**
 * {@code GET /api/photos?after=<cursor>&size=<n>}: one page of photos, newest first. The
 * {@code next} cursor of the answer continues the list.
 */
final class PhotoListServlet extends JsonServlet {

  private static final long serialVersionUID = 1L;
  private static final int DEFAULT_PAGE_SIZE = 10;

  /** Reads a page: {@link PhotoStore#page} or the naive {@link PhotoStore#pageOneQueryPerPhoto}. */
  @FunctionalInterface
  interface PageQuery {
    PhotoPage page(String cursor, int size) throws SQLException;
  }

  private final transient PageQuery query;

  PhotoListServlet(ObjectMapper json, PageQuery query) {
    super(json);
    this.query = query;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String size = request.getParameter("size");
    PhotoPage page;
    try {
      page = query.page(request.getParameter("after"),
          size == null ? DEFAULT_PAGE_SIZE : Integer.parseInt(size));
    } catch (IllegalArgumentException badRequest) {
      // InvalidCursorException (a cursor we did not sign) or a bad page size: the client's fault.
      sendError(response, HttpServletResponse.SC_BAD_REQUEST, badRequest.getMessage());
      return;
    } catch (SQLException e) {
      throw new ServletException(e);
    }
    send(response, HttpServletResponse.SC_OK, page);
  }
}
