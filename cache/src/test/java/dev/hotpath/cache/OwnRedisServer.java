package dev.hotpath.cache;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/**
 * A redis-server process of the test's own, on a free port, that the test may pause, kill and
 * restart without disturbing the Redis other tests share.
 */
final class OwnRedisServer implements AutoCloseable {
  private final int port;
  private Process process;

  OwnRedisServer() {
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    start();
  }

  RedisURI uri() {
    return RedisURI.create("redis://127.0.0.1:" + port);
  }

  void start() {
    try {
      process =
          new ProcessBuilder(
                  "redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                  "--save", "", "--appendonly", "no")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("redis-server must be on the PATH", e);
    }
    await().atMost(Duration.ofSeconds(10)).until(this::accepts);
  }

  /** Freezes the process (SIGSTOP): connections stay open, nothing answers. */
  void pause() {
    signal("STOP");
  }

  void resume() {
    signal("CONT");
  }

  /** Kills the process at once (SIGKILL), as a crash would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void signal(String name) {
    try {
      int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
      if (exit != 0) {
        throw new IllegalStateException("kill -" + name + " failed with " + exit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private boolean accepts() {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      resume();
      kill();
    }
  }
}
