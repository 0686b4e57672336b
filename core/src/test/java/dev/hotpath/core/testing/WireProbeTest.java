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
  void redisProbeSendsPingAndAcceptsPong() throws Exception {
    Exchange exchange = redisExchange("+PONG\r\n");

    assertThat(exchange.result().answered()).isTrue();
    assertThat(exchange.request()).asString(StandardCharsets.US_ASCII).isEqualTo("PING\r\n");
  }

  @Test
  void redisProbeRejectsServerAnsweringGarbage() throws Exception {
    ProbeResult result = redisExchange("HTTP/1.1 400 Bad Request\r\n\r\n").result();

    assertThat(result.answered()).isFalse();
    assertThat(result.detail()).contains("not Redis", "HTTP/1.1 400");
  }

  @Test
  void redisProbeReportsNoauthAsNeedingPassword() throws Exception {
    ProbeResult result = redisExchange("-NOAUTH Authentication required.\r\n").result();

    assertThat(result.answered()).isFalse();
    assertThat(result.detail()).contains("needs a password", "HOTPATH_REDIS_URI");
  }

  @Test
  void redisProbeRejectsServerClosingWithoutAnswer() throws Exception {
    ProbeResult result = redisExchange("").result();

    assertThat(result.answered()).isFalse();
    assertThat(result.detail()).contains("closed the connection");
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
    Exchange exchange = postgresExchange("N");

    assertThat(exchange.result().answered()).isTrue();
    assertThat(exchange.request()).containsExactly(SSL_REQUEST);
  }

  @Test
  void postgresProbeAcceptsSslOffer() throws Exception {
    assertThat(postgresExchange("S").result().answered()).isTrue();
  }

  @Test
  void postgresProbeRejectsServerAnsweringGarbage() throws Exception {
    ProbeResult result = postgresExchange("+PONG\r\n").result();

    assertThat(result.answered()).isFalse();
    assertThat(result.detail()).contains("not PostgreSQL", "0x2b");
  }

  private record Exchange(ProbeResult result, byte[] request) {}

  private static Exchange redisExchange(String reply) throws Exception {
    return exchange(WireProbe.redis(), "PING\r\n".length(), reply);
  }

  private static Exchange postgresExchange(String reply) throws Exception {
    return exchange(WireProbe.postgres(), SSL_REQUEST.length, reply);
  }

  /** Probes a server that reads a request of the probe's length, answers {@code reply} and closes. */
  private static Exchange exchange(ServiceProbe probe, int requestLength, String reply) throws Exception {
    try (OneReplyServer server = new OneReplyServer(requestLength, reply)) {
      ProbeResult result = probe.probe("127.0.0.1", server.port(), TIMEOUT);
      return new Exchange(result, server.received());
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
