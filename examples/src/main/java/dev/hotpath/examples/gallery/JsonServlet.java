package dev.hotpath.examples.gallery;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** A servlet that answers in JSON. */
abstract class JsonServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  private final transient ObjectMapper json;

  JsonServlet(ObjectMapper json) {
    this.json = json;
  }

  /** Writes {@code body} as the response; the filters add ETag, gzip and Server-Timing. */
  final void send(HttpServletResponse response, int status, Object body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    try (OutputStream out = response.getOutputStream()) {
      json.writeValue(out, body);
    }
  }

  final void sendError(HttpServletResponse response, int status, String message)
      throws IOException {
    send(response, status, Map.of("error", message));
  }
}
