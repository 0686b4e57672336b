package dev.hotpath.core.testing;

/**
 * Starts throw-away service containers. The only seam between the resolution rule and
 * Testcontainers, so the rule is tested without Docker and a missing Testcontainers jar
 * surfaces as a {@link LinkageError} from these methods.
 */
interface ContainerStarter {

  /**
   * Checks, once and quickly when no engine is plausible, whether a Docker engine answers.
   *
   * @return answered when containers can be started, otherwise why not
   */
  ProbeResult dockerAvailable();

  /**
   * Starts a Redis container that lives until the JVM exits.
   *
   * @return the endpoint of the started container
   * @throws RuntimeException if the container does not start
   */
  RedisEndpoint startRedis();

  /**
   * Starts a PostgreSQL container with database {@code test} and user {@code postgres} trusted,
   * that lives until the JVM exits.
   *
   * @return the endpoint of the started container
   * @throws RuntimeException if the container does not start
   */
  PostgresEndpoint startPostgres();
}
