package dev.hotpath.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A {@link ServiceProbe} that sends the protocol's cheapest request and checks the first reply
 * bytes, so a port held by some other server is never mistaken for the service.
 */
final class WireProbe implements ServiceProbe {

  /** The longest reply line worth reading: enough for Redis's error texts, bounded for garbage. */
  private static final int MAX_REPLY = 256;

  /** PostgreSQL's SSLRequest: length 8, then the magic code 80877103 (1234 << 16 | 5679). */
  private static final byte[] SSL_REQUEST = {0, 0, 0, 8, 0x04, (byte) 0xD2, 0x16, 0x2F};

  private static final String CLOSED_SILENTLY = "closed the connection without answering";

  private static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);

  @FunctionalInterface
  private interface ReplyCheck {
    ProbeResult check(InputStream reply) throws IOException;
  }

  private final byte[] request;
  private final ReplyCheck replyCheck;

  private WireProbe(byte[] request, ReplyCheck replyCheck) {
    this.request = request;
    this.replyCheck = replyCheck;
  }

  /** Sends {@code PING}; accepts {@code +PONG} and explains {@code -NOAUTH} and other errors. */
  static ServiceProbe redis() {
    return new WireProbe(PING, WireProbe::checkRedisReply);
  }

  /** Sends an SSLRequest; accepts the single byte {@code S} or {@code N} every server answers. */
  static ServiceProbe postgres() {
    return new WireProbe(SSL_REQUEST, WireProbe::checkPostgresReply);
  }

  @Override
  public ProbeResult probe(String host, int port, Duration timeout) {
    int millis = Math.toIntExact(Math.max(1, timeout.toMillis()));
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      socket.getOutputStream().write(request);
      socket.getOutputStream().flush();
      return replyCheck.check(socket.getInputStream());
    } catch (ConnectException e) {
      return ProbeResult.notAnswering("nothing listening (" + e.getMessage() + ")");
    } catch (SocketTimeoutException e) {
      return ProbeResult.notAnswering("no answer within " + millis + " ms");
    } catch (IOException e) {
      return ProbeResult.notAnswering("connection failed: " + e);
    }
  }

  private static ProbeResult checkRedisReply(InputStream in) throws IOException {
    String line = readLine(in);
    if (line.isEmpty()) {
      return ProbeResult.notAnswering("not Redis: " + CLOSED_SILENTLY);
    }
    if (line.equals("+PONG")) {
      return ProbeResult.answering("answered PING with +PONG");
    }
    if (line.startsWith("-NOAUTH")) {
      return ProbeResult.notAnswering("Redis answers but needs a password ('" + line
          + "'): set HOTPATH_REDIS_URI=redis://:password@host:port");
    }
    if (line.startsWith("-")) {
      return ProbeResult.notAnswering("Redis answered PING with an error: '" + line + "'");
    }
    return ProbeResult.notAnswering("not Redis: answered PING with '" + printable(line) + "'");
  }

  private static ProbeResult checkPostgresReply(InputStream in) throws IOException {
    int first = in.read();
    if (first == 'S' || first == 'N') {
      return ProbeResult.answering("answered the SSL request with '" + (char) first + "'");
    }
    if (first < 0) {
      return ProbeResult.notAnswering("not PostgreSQL: " + CLOSED_SILENTLY);
    }
    return ProbeResult.notAnswering(
        "not PostgreSQL: answered the SSL request with byte 0x" + Integer.toHexString(first));
  }

  /** Reads up to CRLF, end of stream or {@link #MAX_REPLY} bytes, whichever comes first. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b >= 0 && b != '\n' && line.size() < MAX_REPLY; b = in.read()) {
      line.write(b);
    }
    return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
  }

  private static String printable(String text) {
    return text.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
