package dev.hotpath.resilience;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Calls the vision API the way an application would: JDK HttpClient, errors as exceptions. */
final class VisionClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final VisionStub stub;

  VisionClient(VisionStub stub) {
    this.stub = stub;
  }

  String labels(String image) throws IOException, InterruptedException {
    return checked(http.send(request(image), HttpResponse.BodyHandlers.ofString()));
  }

  CompletableFuture<String> labelsAsync(String image) {
    return http.sendAsync(request(image), HttpResponse.BodyHandlers.ofString())
        .thenApply(response -> {
          try {
            return checked(response);
          } catch (VisionApiException failure) {
            throw new java.util.concurrent.CompletionException(failure);
          }
        });
  }

  private HttpRequest request(String image) {
    return HttpRequest.newBuilder(stub.uri(image)).GET().build();
  }

  private static String checked(HttpResponse<String> response) throws VisionApiException {
    if (response.statusCode() != 200) {
      throw new VisionApiException(response.statusCode(),
          response.headers().firstValue("Retry-After").map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))));
    }
    return response.body();
  }

  /** A non-200 answer; a 429 or 503 may say when to come back. */
  static final class VisionApiException extends IOException implements RetryAfterAware {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient Optional<Duration> retryAfter;

    VisionApiException(int status, Optional<Duration> retryAfter) {
      super("vision API answered " + status);
      this.status = status;
      this.retryAfter = retryAfter;
    }

    int status() {
      return status;
    }

    @Override
    public Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }
}
