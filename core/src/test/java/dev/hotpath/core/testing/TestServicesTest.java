package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** End to end: the services resolved for this JVM answer real requests. */
class TestServicesTest {

  @Test
  void redisAnswersPingRoundTrip() throws IOException {
    RedisEndpoint redis = TestServices.redis();

    try (Socket socket = new Socket(redis.host(), redis.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = socket.getInputStream().readNBytes(7);

      assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
    }
  }

  @Test
  void postgresAnswersQuery() throws SQLException {
    PostgresEndpoint postgres = TestServices.postgres();

    try (Connection connection =
            DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select current_database(), 40 + 2")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getInt(2)).isEqualTo(42);
    }
  }

  @Test
  void concurrentCallersShareOneResolution() throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    CompletableFuture<RedisEndpoint> other = CompletableFuture.supplyAsync(() -> {
      await(start);
      return TestServices.redis();
    }, task -> new Thread(task, "second-caller").start());
    await(start);

    RedisEndpoint mine = TestServices.redis();

    assertThat(other.get(10, TimeUnit.SECONDS)).isSameAs(mine).isSameAs(TestServices.redis());
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("the other caller never arrived", e);
    }
  }
}
