package dev.hotpath.cache;

import io.lettuce.core.RedisURI;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of the test's own: three masters with one replica each, started from the local
 * redis-server on free ports, with the slots spread by {@code redis-cli --cluster create}.
 * Construction returns once every node reports {@code cluster_state:ok} and knows its five peers.
 */
final class OwnRedisCluster implements AutoCloseable {
  private static final int NODES = 6;
  private final RedisProcesses processes = new RedisProcesses("cluster");
  private final int[] ports = new int[NODES];
  private final Process[] servers = new Process[NODES];

  OwnRedisCluster() {
    try {
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      for (int i = 0; i < NODES; i++) {
        ports[i] = RedisProcesses.freePort();
        // The bus port is set explicitly: the default (port + 10000) may be taken or out of range.
        String bus = Integer.toString(RedisProcesses.freePort());
        String name = "node-" + ports[i];
        servers[i] =
            processes.start(
                name, ports[i],
                "redis-server", "--port", Integer.toString(ports[i]), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-port", bus,
                "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "1000",
                "--save", "", "--appendonly", "no");
        create.add("127.0.0.1:" + ports[i]);
      }
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      processes.run(Duration.ofSeconds(30), create.toArray(String[]::new));
      for (int port : ports) {
        awaitReady(port, Duration.ofSeconds(20));
      }
    } catch (RuntimeException | Error e) {
      processes.close();
      throw e;
    }
  }

  /** The seed URIs of every node. */
  List<RedisURI> uris() {
    List<RedisURI> uris = new ArrayList<>();
    for (int port : ports) {
      uris.add(RedisURI.create("redis://127.0.0.1:" + port));
    }
    return uris;
  }

  /**
   * A cluster client that follows a failover: it refreshes its view of the slots when redirected
   * or disconnected, and every second, as an application in front of a real cluster should.
   */
  RedisClusterClient client() {
    RedisClusterClient client = RedisClusterClient.create(uris());
    client.setOptions(
        ClusterClientOptions.builder()
            .topologyRefreshOptions(
                ClusterTopologyRefreshOptions.builder()
                    .enableAdaptiveRefreshTrigger(ClusterTopologyRefreshOptions.RefreshTrigger.values())
                    .adaptiveRefreshTriggersTimeout(Duration.ofMillis(100))
                    .enablePeriodicRefresh(Duration.ofSeconds(1))
                    .build())
            .build());
    return client;
  }

  /** The port of the master now serving {@code key}'s slot, as the cluster sees it. */
  int masterOf(String key) {
    int slot = SlotHash.getSlot(key.getBytes(StandardCharsets.UTF_8));
    for (String[] node : nodes()) {
      if (node[2].contains("master") && !node[2].contains("fail")) {
        for (int i = 8; i < node.length; i++) {
          String[] range = node[i].split("-");
          if (!range[0].startsWith("[")
              && slot >= Integer.parseInt(range[0])
              && slot <= Integer.parseInt(range[range.length - 1])) {
            return port(node);
          }
        }
      }
    }
    throw new IllegalStateException("no master serves slot " + slot);
  }

  /** The port of a replica of the master on {@code masterPort}. */
  int replicaOf(int masterPort) {
    String masterId = null;
    for (String[] node : nodes()) {
      if (port(node) == masterPort) {
        masterId = node[0];
      }
    }
    for (String[] node : nodes()) {
      if (node[3].equals(masterId) && !node[2].contains("fail")) {
        return port(node);
      }
    }
    throw new IllegalStateException("no replica of " + masterPort);
  }

  /**
   * Promotes a replica of the master on {@code masterPort} with {@code CLUSTER FAILOVER} (the
   * replica catches up, then takes the slots over) and waits until it is master and the cluster ok.
   *
   * @return the new master's port
   */
  int failover(int masterPort) {
    int replica = replicaOf(masterPort);
    cli(replica, "cluster", "failover");
    RedisProcesses.await(
        Duration.ofSeconds(20),
        () -> cli(replica, "role").startsWith("master") && cli(masterPort, "role").startsWith("slave"),
        "replica " + replica + " promoted");
    for (int port : ports) {
      awaitReady(port, Duration.ofSeconds(20));
    }
    return replica;
  }

  /**
   * Kills the master on {@code masterPort} (SIGKILL) and waits until the cluster promoted its
   * replica and is ok again.
   *
   * @return the new master's port
   */
  int killMaster(int masterPort) {
    int replica = replicaOf(masterPort);
    for (int i = 0; i < NODES; i++) {
      if (ports[i] == masterPort) {
        RedisProcesses.kill(servers[i]);
      }
    }
    RedisProcesses.await(Duration.ofSeconds(20), () -> cli(replica, "role").startsWith("master"), "replica " + replica + " promoted");
    RedisProcesses.await(
        Duration.ofSeconds(20), () -> cli(replica, "cluster", "info").contains("cluster_state:ok"), "cluster ok after the kill");
    return replica;
  }

  /** {@code CLUSTER NODES} of a live node, each line split into its fields. */
  private List<String[]> nodes() {
    for (int i = 0; i < NODES; i++) {
      if (servers[i].isAlive()) {
        return cli(ports[i], "cluster", "nodes").lines().map(line -> line.split(" ")).toList();
      }
    }
    throw new IllegalStateException("no node alive");
  }

  private static int port(String[] node) {
    String address = node[1];
    return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
  }

  private String cli(int port, String... command) {
    List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(port)));
    line.addAll(List.of(command));
    return processes.run(Duration.ofSeconds(5), line.toArray(String[]::new));
  }

  private void awaitReady(int port, Duration deadline) {
    RedisProcesses.await(
        deadline,
        () -> {
          String info = cli(port, "cluster", "info");
          return info.contains("cluster_state:ok") && info.contains("cluster_known_nodes:" + NODES);
        },
        "cluster node " + port + " in state ok with " + NODES + " nodes");
  }

  @Override
  public void close() {
    processes.close();
  }
}
