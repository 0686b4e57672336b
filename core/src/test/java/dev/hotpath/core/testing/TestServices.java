package dev.hotpath.core.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real Redis and PostgreSQL that hotpath's integration tests talk to.
 *
 * <p>Each service is resolved in this order: an explicit environment variable
 * ({@code HOTPATH_REDIS_URI}, for example {@code redis://127.0.0.1:6379}; {@code HOTPATH_JDBC_URL},
 * for example {@code jdbc:postgresql://127.0.0.1:5432/test}, with optional
 * {@code HOTPATH_JDBC_USER}, default {@code postgres}, and {@code HOTPATH_JDBC_PASSWORD}, default
 * empty); then a Testcontainers container ({@code redis:7-alpine}, {@code postgres:16-alpine})
 * when a Docker engine answers; then the default local port when the service answers there in its
 * own protocol (Redis on 127.0.0.1:6379; PostgreSQL on 127.0.0.1:5432, database {@code test},
 * user {@code postgres}, trust authentication). When none is found the calling test is
 * <em>skipped</em> with a message naming what was missing and what was tried, except when the
 * environment has {@code CI=true} or the JVM has {@code -Dhotpath.requireServices=true}: then it
 * <em>fails</em> with that message.
 *
 * <p>Use from another module's tests: add the test-jar as a test dependency,
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.hotpath</groupId>
 *   <artifactId>hotpath-core</artifactId>
 *   <version>${project.version}</version>
 *   <type>test-jar</type>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and resolve the service once per test class, so a missing service skips the class:
 * <pre>{@code
 * private static RedisEndpoint redis;
 *
 * @BeforeAll
 * static void findRedis() {
 *   redis = TestServices.redis();
 * }
 * }</pre>
 * A consumer that does not use Docker need not have Testcontainers on its classpath: its absence
 * counts as "no Docker".
 *
 * <p>Thread-safe. Each service is resolved at most once per JVM, on first use, and where it came
 * from is logged; later calls return the same endpoint (or skip or fail the same way) at once.
 */
public final class TestServices {

  private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);

  private TestServices() {}

  /** Holds the resolver so that the Docker check it remembers serves both services. */
  private static final class Resolver {
    static final ServiceResolver INSTANCE = ServiceResolver.forThisJvm();
  }

  /** Class initialisation makes resolution once-only and thread-safe without a lock per call. */
  private static final class Redis {
    static final Resolution<RedisEndpoint> RESOLUTION = logged("Redis", Resolver.INSTANCE.redis());
  }

  private static final class Postgres {
    static final Resolution<PostgresEndpoint> RESOLUTION =
        logged("PostgreSQL", Resolver.INSTANCE.postgres());
  }

  /**
   * Returns the Redis this JVM's tests use, resolving it on the first call.
   *
   * @return the endpoint, the same one on every call
   * @throws org.opentest4j.TestAbortedException if no Redis was found and services are not
   *     required: JUnit reports the calling test (or class, from {@code @BeforeAll}) as skipped
   * @throws IllegalStateException if no Redis was found and {@code CI=true} or
   *     {@code -Dhotpath.requireServices=true}, or if {@code HOTPATH_REDIS_URI} is not a Redis URI
   */
  public static RedisEndpoint redis() {
    return Redis.RESOLUTION.endpoint();
  }

  /**
   * Returns the PostgreSQL this JVM's tests use, resolving it on the first call.
   *
   * @return the endpoint, the same one on every call
   * @throws org.opentest4j.TestAbortedException if no PostgreSQL was found and services are not
   *     required: JUnit reports the calling test (or class, from {@code @BeforeAll}) as skipped
   * @throws IllegalStateException if no PostgreSQL was found and {@code CI=true} or
   *     {@code -Dhotpath.requireServices=true}, or if {@code HOTPATH_JDBC_URL} is not a
   *     PostgreSQL JDBC URL
   */
  public static PostgresEndpoint postgres() {
    return Postgres.RESOLUTION.endpoint();
  }

  private static <T> Resolution<T> logged(String service, Resolution<T> resolution) {
    if (resolution.isFound()) {
      LOG.info("{} for tests: {} from {}", service, resolution.endpoint(), resolution.description());
    } else {
      LOG.warn(resolution.description());
    }
    return resolution;
  }
}
