package dev.hotpath.examples.gallery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPInputStream;

/** A small HTTP/1.1 client of the gallery, on the JDK {@link HttpClient}. */
public final class GalleryClient {

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Creates a client.
   *
   * @param base the service's base URI, e.g. {@link GalleryService#uri()}
   */
  public GalleryClient(URI base) {
    this.base = base;
  }

  /**
   * Sends a GET and waits for the answer.
   *
   * @param path relative to the base, e.g. {@code api/photos?after=abc}
   * @param headers request headers as name, value pairs
   * @return the response; its body as sent (still gzipped if it was)
   * @throws IOException if the exchange fails
   * @throws InterruptedException if interrupted while waiting
   */
  public HttpResponse<byte[]> get(String path, String... headers)
      throws IOException, InterruptedException {
    return http.send(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Sends a GET without waiting.
   *
   * @param path relative to the base
   * @param headers request headers as name, value pairs
   * @return the future response
   */
  public CompletableFuture<HttpResponse<byte[]>> getAsync(String path, String... headers) {
    return http.sendAsync(request(path, headers), HttpResponse.BodyHandlers.ofByteArray());
  }

  /**
   * Returns a response header.
   *
   * @param response the response
   * @param name the header's name
   * @return its first value, or {@code (none)}
   */
  public static String header(HttpResponse<?> response, String name) {
    return response.headers().firstValue(name).orElse("(none)");
  }

  /**
   * Returns the body as text, unzipping it if it came gzipped.
   *
   * @param response the response
   * @return the body as UTF-8 text
   */
  public static String text(HttpResponse<byte[]> response) {
    return new String(body(response), StandardCharsets.UTF_8);
  }

  /**
   * Returns the body, unzipping it if it came gzipped.
   *
   * @param response the response
   * @return the body bytes the server's application wrote
   */
  public static byte[] body(HttpResponse<byte[]> response) {
    if (!"gzip".equals(header(response, "Content-Encoding"))) {
      return response.body();
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("not gzip after all", e);
    }
  }

  private HttpRequest request(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return request.build();
  }
}
