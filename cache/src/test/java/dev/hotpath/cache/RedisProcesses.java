package dev.hotpath.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The redis-server, redis-sentinel and redis-cli processes of one test fixture, in a temporary
 * directory of its own: every wait has a deadline, and every process is killed on {@link #close()}
 * or, should the JVM end first (a test run aborted), by a shutdown hook.
 */
final class RedisProcesses implements AutoCloseable {
  private final Path dir;
  private final List<Process> processes = new ArrayList<>();
  private final Thread killer = new Thread(this::killAll, "redis-fixture-killer");

  RedisProcesses(String name) {
    try {
      this.dir = Files.createTempDirectory("hotpath-" + name + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(killer);
  }

  /** A port nothing listens on now (the OS's choice, so parallel fixtures do not collide). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A directory of its own for one process (its config and data files). */
  Path dir(String name) {
    try {
      return Files.createDirectories(dir.resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a long-running process (its output goes to {@code <dir>/<name>.log}) and waits until
   * it accepts connections on {@code port}.
   */
  synchronized Process start(String name, int port, String... command) {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(dir(name).toFile())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve(name + ".log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(command[0] + " must be on the PATH", e);
    }
    processes.add(process);
    await(Duration.ofSeconds(10), () -> accepts(port), name + " listening on " + port);
    return process;
  }

  /** Runs a command to its end within {@code deadline}; returns its output, failing on a non-zero exit. */
  String run(Duration deadline, String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      synchronized (this) {
        processes.add(process);
      }
      boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroyForcibly();
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      synchronized (this) {
        processes.remove(process);
      }
      if (!ended) {
        throw new IllegalStateException(String.join(" ", command) + " did not end within " + deadline + ":\n" + output);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(command[0] + " must be on the PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Kills one process at once (SIGKILL), as a crash would. */
  static void kill(Process process) {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Polls {@code condition} every 20 ms; fails naming {@code what} when it is not true within {@code deadline}. */
  static void await(Duration deadline, BooleanSupplier condition, String what) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new IllegalStateException("not within " + deadline + ": " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private synchronized void killAll() {
    processes.forEach(RedisProcesses::kill);
    processes.clear();
  }

  @Override
  public void close() {
    killAll();
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or about to: it kills the same processes.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temp dir left behind is harmless.
    }
  }
}
