package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.servlet.http.Cookie;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DedupFilterTest {
  private final AtomicInteger executions = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);

  /** A handler that counts its executions and holds each until the test releases it. */
  private TestServer.Handler held(TestServer.Handler body) {
    return (req, resp) -> {
      executions.incrementAndGet();
      if (!release.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("test never released the handler");
      }
      body.handle(req, resp);
    };
  }

  private static List<CompletableFuture<HttpResponse<byte[]>>> sendAll(TestServer server, List<HttpRequest> requests) {
    List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
    for (HttpRequest request : requests) {
      responses.add(server.client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
    }
    return responses;
  }

  private static List<HttpRequest> copies(TestServer server, int n, String path, String... headers) {
    List<HttpRequest> requests = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      HttpRequest.Builder builder = server.request(path);
      requests.add((headers.length == 0 ? builder : builder.headers(headers)).build());
    }
    return requests;
  }

  @ContainerTest
  void concurrentIdenticalRequestsShareOneExecution() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    try (TestServer server = TestServer.start(held((req, resp) -> {
      resp.setContentType("application/json");
      resp.setHeader("X-Execution", String.valueOf(executions.get()));
      resp.getOutputStream().write("{\"photos\":[]}".getBytes(UTF_8));
    }), dedup)) {
      List<CompletableFuture<HttpResponse<byte[]>>> responses = sendAll(server, copies(server, 5, "/photos?page=1"));
      await().until(() -> dedup.inFlight() == 5);
      assertThat(executions.get()).isEqualTo(1);
      release.countDown();

      for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
        HttpResponse<byte[]> response = future.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Execution")).hasValue("1");
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"photos\":[]}");
      }
      assertThat(executions.get()).isEqualTo(1);
      assertThat(dedup.sharedResponses()).as("one copy, for the four waiters").isEqualTo(1);
    }
  }

  @ContainerTest
  void aRequestNobodyWaitsForIsNotCopied() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    try (TestServer server = TestServer.start((req, resp) -> {
      resp.setContentType("application/json");
      resp.getOutputStream().write("{\"photos\":[]}".getBytes(UTF_8));
    }, dedup)) {
      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> response = server.get("/photos?page=1");
        assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"photos\":[]}");
      }
      assertThat(dedup.sharedResponses()).isZero();
    }
  }

  @ContainerTest
  void differentIdentitiesNeverShare() throws Exception {
    DedupFilter dedup = DedupFilter.builder().identityHeaders(List.of("X-Api-Key")).build();
    try (TestServer server = TestServer.start(held((req, resp) ->
        resp.getWriter().write(req.getHeader("Authorization") + "|" + req.getHeader("Cookie")
            + "|" + req.getHeader("X-Api-Key"))), dedup)) {
      List<HttpRequest> requests = new ArrayList<>();
      String[][] identities = {
        {"Authorization", "Bearer alice", "Cookie", "s=1", "X-Api-Key", "k"},
        {"Authorization", "Bearer bob", "Cookie", "s=1", "X-Api-Key", "k"},
        {"Authorization", "Bearer alice", "Cookie", "s=2", "X-Api-Key", "k"},
        {"Authorization", "Bearer alice", "Cookie", "s=1", "X-Api-Key", "other"},
      };
      for (String[] identity : identities) {
        requests.addAll(copies(server, 2, "/me", identity));
      }
      List<CompletableFuture<HttpResponse<byte[]>>> responses = sendAll(server, requests);
      await().until(() -> dedup.inFlight() == 8 && executions.get() == 4);
      release.countDown();

      for (int i = 0; i < requests.size(); i++) {
        String[] identity = identities[i / 2];
        assertThat(new String(responses.get(i).get(20, TimeUnit.SECONDS).body(), UTF_8))
            .isEqualTo(identity[1] + "|" + identity[3] + "|" + identity[5]);
      }
      assertThat(executions.get()).isEqualTo(4);
    }
  }

  /** The body after the blank line of a raw HTTP/1.1 response (no chunking: bodies are tiny). */
  private static String bodyOf(CompletableFuture<String> response) throws Exception {
    String text = response.get(20, TimeUnit.SECONDS);
    String body = text.substring(text.indexOf("\r\n\r\n") + 4);
    // Tomcat chunks small bodies; keep the chunk's data line only.
    if (text.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
      body = body.split("\r\n")[1];
    }
    return body;
  }

  /** Sends the two raw requests one after the other into a held flight; both must execute. */
  private void assertBothExecute(DedupFilter dedup, TestServer server, String[] first,
      String firstBody, String[] second, String secondBody) throws Exception {
    CompletableFuture<String> one = server.raw("/me", first);
    await().until(() -> dedup.inFlight() == 1);
    CompletableFuture<String> two = server.raw("/me", second);
    await().until(() -> dedup.inFlight() == 2 && executions.get() == 2);
    release.countDown();

    assertThat(bodyOf(one)).isEqualTo(firstBody);
    assertThat(bodyOf(two)).isEqualTo(secondBody);
  }

  @ContainerTest
  void repeatedHeaderLinesAreKeptApartFromOneLineHoldingTheSameText() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    try (TestServer server = TestServer.start(held((req, resp) ->
        resp.getWriter().write(String.join("|", java.util.Collections.list(req.getHeaders("Cookie"))))),
        dedup)) {
      // Cookie values may contain ':'; joined with ':' these two identities were one key.
      assertBothExecute(dedup, server,
          new String[] {"Host: photos.test", "Cookie: a=1", "Cookie: b=2"}, "a=1|b=2",
          new String[] {"Host: photos.test", "Cookie: a=1:b=2"}, "a=1:b=2");
    }
  }

  @ContainerTest
  void virtualHostsNeverShare() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    try (TestServer server = TestServer.start(held((req, resp) ->
        resp.getWriter().write("site " + req.getServerName())), dedup)) {
      assertBothExecute(dedup, server,
          new String[] {"Host: photos.test"}, "site photos.test",
          new String[] {"Host: admin.test"}, "site admin.test");
    }
  }

  @ContainerTest
  void requestsThatNegotiateDifferentlyNeverShare() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    try (TestServer server = TestServer.start(held((req, resp) ->
        resp.getWriter().write(req.getHeader("Accept-Encoding") + "|" + req.getHeader("If-None-Match"))), dedup)) {
      String[][] variants = {
        {"Accept-Encoding", "gzip", "If-None-Match", "\"a\""},
        {"Accept-Encoding", "identity", "If-None-Match", "\"a\""},
        {"Accept-Encoding", "gzip", "If-None-Match", "\"b\""},
      };
      List<HttpRequest> requests = new ArrayList<>();
      for (String[] variant : variants) {
        requests.addAll(copies(server, 2, "/photos", variant));
      }
      List<CompletableFuture<HttpResponse<byte[]>>> responses = sendAll(server, requests);
      await().until(() -> dedup.inFlight() == 6 && executions.get() == 3);
      release.countDown();

      for (int i = 0; i < requests.size(); i++) {
        String[] variant = variants[i / 2];
        assertThat(new String(responses.get(i).get(20, TimeUnit.SECONDS).body(), UTF_8))
            .isEqualTo(variant[1] + "|" + variant[3]);
      }
      assertThat(executions.get()).isEqualTo(3);
    }
  }

  @ContainerTest
  void bodiesOverTheBoundAreNotSharedAndWaitersRunTheirOwn() throws Exception {
    DedupFilter dedup = DedupFilter.builder().maxBodyBytes(100).build();
    String big = "x".repeat(1000);
    try (TestServer server = TestServer.start(held((req, resp) -> resp.getWriter().write(big)), dedup)) {
      List<CompletableFuture<HttpResponse<byte[]>>> responses = sendAll(server, copies(server, 3, "/big"));
      await().until(() -> dedup.inFlight() == 3);
      assertThat(executions.get()).isEqualTo(1);
      release.countDown();

      for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
        assertThat(new String(future.get(20, TimeUnit.SECONDS).body(), UTF_8)).isEqualTo(big);
      }
      assertThat(executions.get()).isEqualTo(3);
    }
  }

  @ContainerTest
  void responsesSettingCookiesAreNeverShared() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    AtomicInteger sessions = new AtomicInteger();
    try (TestServer server = TestServer.start(held((req, resp) -> {
      resp.addCookie(new Cookie("session", "s" + sessions.incrementAndGet()));
      resp.getWriter().write("welcome");
    }), dedup)) {
      List<CompletableFuture<HttpResponse<byte[]>>> responses = sendAll(server, copies(server, 3, "/login"));
      await().until(() -> dedup.inFlight() == 3);
      release.countDown();

      List<String> cookies = new ArrayList<>();
      for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
        cookies.add(future.get(20, TimeUnit.SECONDS).headers().firstValue("Set-Cookie").orElseThrow());
      }
      assertThat(cookies).doesNotHaveDuplicates();
      assertThat(executions.get()).isEqualTo(3);
    }
  }

  @ContainerTest
  void unsafeMethodsAreNeverShared() throws Exception {
    DedupFilter dedup = DedupFilter.create();
    try (TestServer server = TestServer.start(held((req, resp) -> resp.getWriter().write("done")), dedup)) {
      List<HttpRequest> posts = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        posts.add(server.request("/orders").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
      }
      List<CompletableFuture<HttpResponse<byte[]>>> responses = sendAll(server, posts);
      await().until(() -> executions.get() == 2);
      release.countDown();
      for (CompletableFuture<HttpResponse<byte[]>> future : responses) {
        assertThat(new String(future.get(20, TimeUnit.SECONDS).body(), UTF_8)).isEqualTo("done");
      }
    }
  }

  @Test
  void builderRejectsBadOptions() {
    assertThatThrownBy(() -> DedupFilter.builder().maxBodyBytes(0))
        .hasMessage("maxBodyBytes must be at least 1, was 0");
    assertThatThrownBy(() -> DedupFilter.builder().identityHeaders(List.of("X-Api-Key:")))
        .hasMessage("identity header must be a header name, was X-Api-Key:");
  }
}
