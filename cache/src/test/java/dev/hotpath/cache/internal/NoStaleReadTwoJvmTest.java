package dev.hotpath.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.cache.PrefixCleanup;
import dev.hotpath.core.testing.RedisEndpoint;
import dev.hotpath.core.testing.TestServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The history check of {@link NoStaleReadHistoryTest} with the two nodes in two JVMs
 * ({@link HistoryNode}) sharing nothing but the real Redis, which also holds the source.
 */
class NoStaleReadTwoJvmTest {
  private static final long RUN_MILLIS = 3_000;

  private RedisEndpoint redis;
  private String prefix;

  @BeforeEach
  void findRedis() {
    redis = TestServices.redis();
    prefix = "stalejvm-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @AfterEach
  void cleanUp() {
    PrefixCleanup.deleteKeys(redis.uri(), prefix);
  }

  @Test
  void noReadOnEitherJvmReturnsAVersionOlderThanAnInvalidationItHadToKnowOf() throws Exception {
    // Both JVMs start reading at the same moment, once both have had time to start.
    long startAt = System.currentTimeMillis() + 5_000;
    List<Process> processes = new ArrayList<>();
    List<CompletableFuture<String>> outputs = new ArrayList<>();
    for (int node = 0; node < 2; node++) {
      Process process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  System.getProperty("java.class.path"),
                  HistoryNode.class.getName(),
                  redis.uri(),
                  prefix,
                  Integer.toString(node),
                  Long.toString(startAt),
                  Long.toString(RUN_MILLIS))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      processes.add(process);
      outputs.add(CompletableFuture.supplyAsync(() -> readAll(process)));
    }
    List<HistoryRecorder.Invalidation> invalidations = new ArrayList<>();
    List<HistoryRecorder.Read> reads = new ArrayList<>();
    for (int node = 0; node < 2; node++) {
      Process process = processes.get(node);
      boolean exited = process.waitFor(60, TimeUnit.SECONDS);
      if (!exited) {
        process.destroyForcibly();
      }
      assertThat(exited).as("node " + node + " finished").isTrue();
      assertThat(process.exitValue()).as("node " + node + " exit code").isZero();
      for (String line : outputs.get(node).get(10, TimeUnit.SECONDS).split("\n")) {
        if (line.startsWith("FAILURES ")) {
          assertThat(line).as("node " + node + ": reads or invalidations that threw").isEqualTo("FAILURES 0");
        } else if (line.startsWith("I ") || line.startsWith("R ")) {
          Object record = HistoryRecorder.parse(line);
          if (record instanceof HistoryRecorder.Invalidation inv) {
            invalidations.add(inv);
          } else {
            reads.add((HistoryRecorder.Read) record);
          }
        }
      }
    }
    HistoryRecorder.Verdict verdict = HistoryRecorder.check(invalidations, reads);
    System.out.println("stale-read history (two JVMs): " + verdict.summary());
    assertThat(verdict.invalidations()).as("invalidations recorded").isGreaterThan(50);
    assertThat(verdict.checked()).as("reads that had to know of an invalidation").isGreaterThan(200);
    assertThat(verdict.stale()).as("stale reads").isEmpty();
  }

  private static String readAll(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
