package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WireProbeTest {

  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F};

  @Test
  void redisProbeAcceptsPong() throws Exception {
    try (OneReplyServer server = new OneReplyServer(6, "+PONG\r\n")) {
      ProbeResult result = WireProbe.redis().probe("127.0.0.1", server.port(), TIMEOUT);

      assertThat(result.answered()).isTrue();
      assertThat(server.received()).asString(StandardCharsets.US_ASCII).isEqualTo("PING\r\n");
    }
  }

  @Test
  void redisProbeRejectsServerAnsweringGarbage() throws Exception {
    try (OneReplyServer server = new OneReplyServer(6, "HTTP/1.1 400 Bad Request\r\n\r\n")) {
      ProbeResult result = WireProbe.redis().probe("127.0.0.1", server.port(), TIMEOUT);

      assertThat(result.answered()).isFalse();
      assertThat(result.detail()).contains("not Redis", "HTTP/1.1 400");
    }
  }

  @Test
  void redisProbeReportsNoauthAsNeedingPassword() throws Exception {
    try (OneReplyServer server = new OneReplyServer(6, "-NOAUTH Authentication required.\r\n")) {
      ProbeResult result = WireProbe.redis().probe("127.0.0.1", server.port(), TIMEOUT);

      assertThat(result.answered()).isFalse();
      assertThat(result.detail()).contains("needs a password", "HOTPATH_REDIS_URI");
    }
  }

  @Test
  void redisProbeRejectsServerClosingWithoutAnswer() throws Exception {
    try (OneReplyServer server = new OneReplyServer(6, "")) {
      ProbeResult result = WireProbe.redis().probe("127.0.0.1", server.port(), TIMEOUT);

      assertThat(result.answered()).isFalse();
      assertThat(result.detail()).contains("closed the connection");
    }
  }

  @Test
  void probeGivesUpOnSilentServerAfterTimeout() throws IOException {
    // The kernel completes the handshake for a listening socket nobody accepts from: it stays silent.
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ProbeResult result = WireProbe.redis().probe("127.0.0.1", silent.getLocalPort(), TIMEOUT);

      assertThat(result.answered()).isFalse();
      assertThat(result.detail()).isEqualTo("no answer within 200 ms");
    }
  }

  @Test
  void probeReportsNothingListening() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    ProbeResult result = WireProbe.postgres().probe("127.0.0.1", closedPort, TIMEOUT);

    assertThat(result.answered()).isFalse();
    assertThat(result.detail()).startsWith("nothing listening");
  }

  @Test
  void postgresProbeSendsSslRequestAndAcceptsRefusal() throws Exception {
    try (OneReplyServer server = new OneReplyServer(8, "N")) {
      ProbeResult result = WireProbe.postgres().probe("127.0.0.1", server.port(), TIMEOUT);

      assertThat(result.answered()).isTrue();
      assertThat(server.received()).containsExactly(SSL_REQUEST);
    }
  }

  @Test
  void postgresProbeAcceptsSslOffer() throws Exception {
    try (OneReplyServer server = new OneReplyServer(8, "S")) {
      assertThat(WireProbe.postgres().probe("127.0.0.1", server.port(), TIMEOUT).answered()).isTrue();
    }
  }

  @Test
  void postgresProbeRejectsServerAnsweringGarbage() throws Exception {
    try (OneReplyServer server = new OneReplyServer(8, "+PONG\r\n")) {
      ProbeResult result = WireProbe.postgres().probe("127.0.0.1", server.port(), TIMEOUT);

      assertThat(result.answered()).isFalse();
      assertThat(result.detail()).contains("not PostgreSQL", "0x2b");
    }
  }

  /** Accepts one connection, reads a request of known length, answers, and closes. */
  private static final class OneReplyServer implements AutoCloseable {
    private final ServerSocket server;
    private final CompletableFuture<byte[]> received;

    OneReplyServer(int requestLength, String reply) throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      received = CompletableFuture.supplyAsync(() -> {
        try (Socket client = server.accept()) {
          byte[] request = client.getInputStream().readNBytes(requestLength);
          client.getOutputStream().write(reply.getBytes(StandardCharsets.ISO_8859_1));
          return request;
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, task -> new Thread(task, "one-reply-server").start());
    }

    int port() {
      return server.getLocalPort();
    }

    byte[] received() throws Exception {
      return received.get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
