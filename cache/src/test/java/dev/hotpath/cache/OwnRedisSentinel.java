package dev.hotpath.cache;

import io.lettuce.core.RedisURI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Sentinel setup of the test's own: one master, one replica and three sentinels (quorum two),
 * started from the local redis-server on free ports. Construction returns once the replica is in
 * sync and every sentinel knows the replica and the other sentinels.
 */
final class OwnRedisSentinel implements AutoCloseable {
  static final String MASTER_NAME = "mymaster";
  private static final int SENTINELS = 3;
  private final RedisProcesses processes = new RedisProcesses("sentinel");
  private final int[] dataPorts = {RedisProcesses.freePort(), RedisProcesses.freePort()};
  private final Process[] dataServers = new Process[2];
  private final int[] sentinelPorts = new int[SENTINELS];

  OwnRedisSentinel() {
    try {
      for (int i = 0; i < 2; i++) {
        List<String> command =
            new ArrayList<>(
                List.of(
                    "redis-server", "--port", Integer.toString(dataPorts[i]), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no"));
        if (i == 1) {
          command.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(dataPorts[0])));
        }
        dataServers[i] = processes.start("data-" + dataPorts[i], dataPorts[i], command.toArray(String[]::new));
      }
      RedisProcesses.await(
          Duration.ofSeconds(10),
          () -> cli(dataPorts[1], "info", "replication").contains("master_link_status:up"),
          "replica in sync");
      for (int i = 0; i < SENTINELS; i++) {
        sentinelPorts[i] = RedisProcesses.freePort();
        String name = "sentinel-" + sentinelPorts[i];
        // A sentinel rewrites its config file: each has its own, in its own directory.
        try {
          Files.writeString(
              processes.dir(name).resolve("sentinel.conf"),
              String.join(
                  "\n",
                  "port " + sentinelPorts[i],
                  "bind 127.0.0.1",
                  "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + dataPorts[0] + " 2",
                  "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                  "sentinel failover-timeout " + MASTER_NAME + " 10000",
                  ""));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        processes.start(name, sentinelPorts[i], "redis-server", "sentinel.conf", "--sentinel");
      }
      for (int port : sentinelPorts) {
        RedisProcesses.await(
            Duration.ofSeconds(20),
            () -> cli(port, "sentinel", "ckquorum", MASTER_NAME).contains("3 usable")
                && cli(port, "sentinel", "replicas", MASTER_NAME).contains(Integer.toString(dataPorts[1])),
            "sentinel " + port + " knowing the replica and the other sentinels");
      }
    } catch (RuntimeException | Error e) {
      processes.close();
      throw e;
    }
  }

  /** A Sentinel URI naming all three sentinels and the master's name. */
  RedisURI uri() {
    RedisURI.Builder builder = RedisURI.Builder.sentinel("127.0.0.1", sentinelPorts[0], MASTER_NAME);
    for (int i = 1; i < SENTINELS; i++) {
      builder.withSentinel("127.0.0.1", sentinelPorts[i]);
    }
    return builder.build();
  }

  /** The data port the sentinels name as master now. */
  int master() {
    return Integer.parseInt(cli(sentinelPorts[0], "sentinel", "get-master-addr-by-name", MASTER_NAME).lines().toList().get(1).trim());
  }

  /**
   * Fails the master over to the replica, with {@code SENTINEL FAILOVER} or by killing the master
   * (SIGKILL), and waits until every sentinel names the replica and it answers as master.
   */
  void failOver(boolean kill) {
    int old = master();
    int promoted = old == dataPorts[0] ? dataPorts[1] : dataPorts[0];
    if (kill) {
      RedisProcesses.kill(dataServers[old == dataPorts[0] ? 0 : 1]);
    } else {
      cli(sentinelPorts[0], "sentinel", "failover", MASTER_NAME);
    }
    for (int port : sentinelPorts) {
      RedisProcesses.await(
          Duration.ofSeconds(20),
          () -> cli(port, "sentinel", "get-master-addr-by-name", MASTER_NAME).contains(Integer.toString(promoted)),
          "sentinel " + port + " naming " + promoted + " master");
    }
    RedisProcesses.await(Duration.ofSeconds(10), () -> cli(promoted, "role").startsWith("master"), promoted + " master");
    if (!kill) {
      // Left to the sentinels (10-20 s after a forced failover), not done here with REPLICAOF: the
      // sentinels also disconnect the old master's clients then, which is how a tier learns of the
      // failover. A demotion by hand keeps the tier's connection on a replica (see the README).
      RedisProcesses.await(
          Duration.ofSeconds(20),
          () -> cli(old, "info", "replication").contains("master_link_status:up"),
          "old master " + old + " replicating from the new one");
    }
  }

  private String cli(int port, String... command) {
    List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    line.addAll(List.of(command));
    return processes.run(Duration.ofSeconds(5), line.toArray(String[]::new));
  }

  @Override
  public void close() {
    processes.close();
  }
}
