package dev.hotpath.core.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The {@link ContainerStarter} backed by Testcontainers. Containers are never stopped here;
 * Testcontainers' Ryuk removes them when the JVM exits.
 *
 * <p>Only the nested {@link Engine} names Testcontainers types: the JVM loads it on first use, so
 * without the Testcontainers jar this class still loads and each method throws
 * {@link NoClassDefFoundError}, which the resolver reads as "no Docker".
 */
final class TestcontainersStarter implements ContainerStarter {

  static final String REDIS_IMAGE = "redis:7-alpine";
  static final String POSTGRES_IMAGE = "postgres:16-alpine";

  private static final int REDIS_PORT = 6379;
  private static final int POSTGRES_PORT = 5432;

  private final Map<String, String> environment;
  private final Path dockerSocket;
  private final Path userHome;

  /**
   * @param environment the process environment, read for {@code DOCKER_HOST}
   * @param dockerSocket the default Docker socket, normally {@code /var/run/docker.sock}
   * @param userHome the home directory that may hold {@code .testcontainers.properties}
   */
  TestcontainersStarter(Map<String, String> environment, Path dockerSocket, Path userHome) {
    this.environment = Map.copyOf(environment);
    this.dockerSocket = dockerSocket;
    this.userHome = userHome;
  }

  static TestcontainersStarter forThisMachine() {
    return new TestcontainersStarter(
        System.getenv(), Path.of("/var/run/docker.sock"), Path.of(System.getProperty("user.home")));
  }

  /**
   * Asks Testcontainers only when an engine is plausible: its own discovery tries several
   * strategies and can take seconds on a machine without Docker.
   */
  @Override
  public ProbeResult dockerAvailable() {
    if (!enginePlausible()) {
      return ProbeResult.notAnswering("no Docker engine (DOCKER_HOST unset, no " + dockerSocket
          + ", no " + userHome.resolve(".testcontainers.properties") + ")");
    }
    return Engine.dockerAvailable()
        ? ProbeResult.answering("Docker engine answers")
        : ProbeResult.notAnswering("Docker engine configured but not answering");
  }

  boolean enginePlausible() {
    String dockerHost = environment.get("DOCKER_HOST");
    return (dockerHost != null && !dockerHost.isBlank())
        || Files.exists(dockerSocket)
        || Files.exists(userHome.resolve(".testcontainers.properties"));
  }

  @Override
  public RedisEndpoint startRedis() {
    return Engine.startRedis();
  }

  @Override
  public PostgresEndpoint startPostgres() {
    return Engine.startPostgres();
  }

  /** Every Testcontainers reference, loaded only when Docker is plausible. */
  private static final class Engine {

    static boolean dockerAvailable() {
      return DockerClientFactory.instance().isDockerAvailable();
    }

    static RedisEndpoint startRedis() {
      GenericContainer<?> redis =
          new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE)).withExposedPorts(REDIS_PORT);
      redis.start();
      return RedisEndpoint.of(redis.getHost(), redis.getMappedPort(REDIS_PORT));
    }

    static PostgresEndpoint startPostgres() {
      GenericContainer<?> postgres = new GenericContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
          .withExposedPorts(POSTGRES_PORT)
          .withEnv("POSTGRES_DB", "test")
          .withEnv("POSTGRES_USER", "postgres")
          .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
          // The image's init script runs a temporary server first: only the second start is real.
          .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*\\s", 2));
      postgres.start();
      String jdbcUrl = "jdbc:postgresql://" + postgres.getHost() + ":"
          + postgres.getMappedPort(POSTGRES_PORT) + "/test";
      return new PostgresEndpoint(jdbcUrl, "postgres", "");
    }
  }
}
