package dev.hotpath.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

class StreamingWritersTest {
  @ContainerTest
  void jsonArrayIsValidJson() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      try (JsonArrayWriter array = JsonArrayWriter.open(resp, 100)) {
        for (int i = 0; i < 10_000; i++) {
          array.element("{\"id\":" + i + "}");
        }
      }
    })) {
      HttpResponse<byte[]> response = server.get("/rows");
      JsonNode array = new ObjectMapper().readTree(response.body());
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(array.size()).isEqualTo(10_000);
      assertThat(array.get(9_999).get("id").asInt()).isEqualTo(9_999);
    }
    try (TestServer server = TestServer.start((req, resp) -> JsonArrayWriter.open(resp).close())) {
      assertThat(new String(server.get("/empty").body(), UTF_8)).isEqualTo("[]");
    }
  }

  @ContainerTest
  void csvQuotesPerRfc4180() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      try (CsvWriter csv = CsvWriter.open(resp)) {
        csv.row("id", "title", "note");
        csv.row(1, "plain", null);
        csv.row(2, "a,b", "say \"hi\"\r\nbye");
      }
    })) {
      HttpResponse<byte[]> response = server.get("/export.csv");
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
      assertThat(new String(response.body(), UTF_8))
          .isEqualTo("id,title,note\r\n1,plain,\r\n2,\"a,b\",\"say \"\"hi\"\"\r\nbye\"\r\n");
    }
  }

  @ContainerTest
  void sseEventsAreReadLineByLineAsTheyAreSent() throws Exception {
    CountDownLatch firstSeen = new CountDownLatch(1);
    try (TestServer server = TestServer.start((req, resp) -> {
      SseWriter sse = SseWriter.open(resp);
      sse.event("photo", "1", "{\"id\":1}");
      if (!firstSeen.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the first event never arrived");
      }
      sse.comment("heartbeat");
      sse.data("line one\nline two");
      sse.close();
    })) {
      HttpResponse<InputStream> response = server.stream(server.request("/events"));
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8))) {
        assertThat(lines.readLine()).isEqualTo("event: photo");
        assertThat(lines.readLine()).isEqualTo("id: 1");
        assertThat(lines.readLine()).isEqualTo("data: {\"id\":1}");
        assertThat(lines.readLine()).isEmpty();
        firstSeen.countDown();
        assertThat(lines.readLine()).isEqualTo(": heartbeat");
        assertThat(lines.readLine()).isEmpty();
        assertThat(lines.readLine()).isEqualTo("data: line one");
        assertThat(lines.readLine()).isEqualTo("data: line two");
        assertThat(lines.readLine()).isEmpty();
        assertThat(lines.readLine()).isNull();
      }
    }
  }

  @ContainerTest
  void aClientThatDisconnectsMidStreamStopsTheWriter() throws Exception {
    AtomicLong written = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (TestServer server = TestServer.start((req, resp) -> {
      try (NdjsonWriter ndjson = NdjsonWriter.open(resp)) {
        for (long i = 0; ; i++) { // endless: only a disconnect ends it
          ndjson.line("{\"row\":" + i + ",\"pad\":\"" + "x".repeat(100) + "\"}");
          written.incrementAndGet();
        }
      } catch (IOException e) {
        failure.set(e);
      }
    })) {
      HttpResponse<InputStream> response = server.stream(server.request("/rows"));
      BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), UTF_8));
      for (int i = 0; i < 3; i++) {
        assertThat(new ObjectMapper().readTree(lines.readLine()).get("row").asInt()).isEqualTo(i);
      }
      lines.close();

      await().atMost(java.time.Duration.ofSeconds(20)).until(() -> failure.get() != null);
      long atFailure = written.get();
      assertThat(failure.get()).isInstanceOf(IOException.class);
      assertThat(written.get()).isEqualTo(atFailure);
    }
  }

  @ContainerTest
  void badRowsAreRefusedWithTheRule() throws Exception {
    try (TestServer server = TestServer.start((req, resp) -> {
      StringBuilder messages = new StringBuilder();
      try (NdjsonWriter ndjson = NdjsonWriter.open(resp)) {
        for (Runnable bad : new Runnable[] {
            () -> rethrow(() -> ndjson.line("{\"a\":\n1}")),
            () -> rethrow(() -> NdjsonWriter.open(resp, 0)),
        }) {
          try {
            bad.run();
          } catch (IllegalArgumentException e) {
            messages.append(e.getMessage()).append('|');
          }
        }
        ndjson.line("\"" + messages.toString().replace("\n", "\\n").replace("\"", "'") + "\"");
      }
    })) {
      assertThat(new String(server.get("/bad").body(), UTF_8)).isEqualTo(
          "\"NDJSON line must be non-blank JSON without line breaks, was {'a':\\n1}|"
              + "flushEvery must be at least 1, was 0|\"\n");
    }
  }

  private interface IoAction {
    void run() throws IOException;
  }

  private static void rethrow(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
