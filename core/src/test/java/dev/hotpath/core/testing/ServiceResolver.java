package dev.hotpath.core.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The test-service rule, with every input handed in so that it can be tested: for each service,
 * an explicit environment variable, then a Testcontainers container when a Docker engine answers,
 * then the default local port when the service answers there in its own protocol. When none is
 * found the tests are skipped, or fail when {@code CI=true} or {@code -Dhotpath.requireServices=true}.
 *
 * <p>Thread-safe: the Docker check, shared by both services, runs at most once per instance.
 */
final class ServiceResolver {

  static final String REDIS_URI_VARIABLE = "HOTPATH_REDIS_URI";
  static final String JDBC_URL_VARIABLE = "HOTPATH_JDBC_URL";
  static final String JDBC_USER_VARIABLE = "HOTPATH_JDBC_USER";
  static final String JDBC_PASSWORD_VARIABLE = "HOTPATH_JDBC_PASSWORD";
  static final String REQUIRE_PROPERTY = "hotpath.requireServices";

  /** Long enough for loopback and a LAN, short enough that a missing service costs no real time. */
  static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

  private static final String LOCAL_HOST = "127.0.0.1";
  private static final int REDIS_PORT = 6379;
  private static final int POSTGRES_PORT = 5432;

  /** One service's part of the rule. */
  private record Service<T>(
      String name,
      String variable,
      Function<String, T> fromVariable,
      Function<ContainerStarter, T> container,
      int localPort,
      T localEndpoint,
      ServiceProbe probe) {}

  private final Map<String, String> environment;
  private final String requiredBecause;
  private final ContainerStarter containers;
  private final ServiceProbe redisProbe;
  private final ServiceProbe postgresProbe;
  private final Duration probeTimeout;
  private ProbeResult docker; // guarded by this

  /**
   * @param environment the process environment: the {@code HOTPATH_*} variables and {@code CI}
   * @param systemProperties read for {@value #REQUIRE_PROPERTY}
   * @param containers starts containers when Docker answers
   * @param redisProbe checks the local Redis port
   * @param postgresProbe checks the local PostgreSQL port
   * @param probeTimeout the bound on each local connect and answer
   */
  ServiceResolver(
      Map<String, String> environment,
      Properties systemProperties,
      ContainerStarter containers,
      ServiceProbe redisProbe,
      ServiceProbe postgresProbe,
      Duration probeTimeout) {
    this.environment = Map.copyOf(environment);
    this.containers = containers;
    this.redisProbe = redisProbe;
    this.postgresProbe = postgresProbe;
    this.probeTimeout = probeTimeout;
    if ("true".equalsIgnoreCase(environment.get("CI"))) {
      requiredBecause = "CI=true";
    } else if (Boolean.parseBoolean(systemProperties.getProperty(REQUIRE_PROPERTY))) {
      requiredBecause = "-D" + REQUIRE_PROPERTY + "=true";
    } else {
      requiredBecause = null;
    }
  }

  /** The resolver for this JVM's real environment, Docker and local ports. */
  static ServiceResolver forThisJvm() {
    return new ServiceResolver(System.getenv(), System.getProperties(),
        TestcontainersStarter.forThisMachine(), WireProbe.redis(), WireProbe.postgres(), PROBE_TIMEOUT);
  }

  Resolution<RedisEndpoint> redis() {
    return resolve(new Service<>("Redis", REDIS_URI_VARIABLE, RedisEndpoint::parse,
        ContainerStarter::startRedis, REDIS_PORT, RedisEndpoint.of(LOCAL_HOST, REDIS_PORT), redisProbe));
  }

  Resolution<PostgresEndpoint> postgres() {
    Function<String, PostgresEndpoint> fromVariable = jdbcUrl -> new PostgresEndpoint(jdbcUrl,
        environment.getOrDefault(JDBC_USER_VARIABLE, "postgres"),
        environment.getOrDefault(JDBC_PASSWORD_VARIABLE, ""));
    PostgresEndpoint local = new PostgresEndpoint(
        "jdbc:postgresql://" + LOCAL_HOST + ":" + POSTGRES_PORT + "/test", "postgres", "");
    return resolve(new Service<>("PostgreSQL", JDBC_URL_VARIABLE, fromVariable,
        ContainerStarter::startPostgres, POSTGRES_PORT, local, postgresProbe));
  }

  /** Never throws: the outcome, good or bad, is a value the caller may remember. */
  private <T> Resolution<T> resolve(Service<T> service) {
    String configured = environment.get(service.variable());
    if (configured != null && !configured.isBlank()) {
      try {
        return Resolution.found(service.fromVariable().apply(configured),
            "environment variable " + service.variable());
      } catch (IllegalArgumentException e) {
        // An explicit setting that is wrong fails even locally: falling back would hide the typo.
        return Resolution.failed(service.variable() + " is set but unusable: " + e.getMessage());
      }
    }
    List<String> tried = new ArrayList<>();
    tried.add(service.variable() + " (not set)");
    ProbeResult docker = docker();
    if (docker.answered()) {
      try {
        return Resolution.found(service.container().apply(containers), "Testcontainers");
      } catch (RuntimeException | LinkageError e) {
        tried.add("Testcontainers (container did not start: " + e + ")");
      }
    } else {
      tried.add("Testcontainers (" + docker.detail() + ")");
    }
    String address = LOCAL_HOST + ":" + service.localPort();
    ProbeResult local = service.probe().probe(LOCAL_HOST, service.localPort(), probeTimeout);
    if (local.answered()) {
      return Resolution.found(service.localEndpoint(), "local port " + address + ", which " + local.detail());
    }
    tried.add(address + " (" + local.detail() + ")");
    String message = "No " + service.name() + " for tests. Tried: " + String.join("; ", tried)
        + ". Set " + service.variable() + ", start Docker, or run " + service.name() + " on "
        + address + ".";
    return requiredBecause == null
        ? Resolution.skipped(message + " Skipping; with CI=true or -D" + REQUIRE_PROPERTY
            + "=true this fails instead.")
        : Resolution.failed(message + " Failing because " + requiredBecause + ".");
  }

  /** Asked once: both services share the answer and a Testcontainers check can take seconds. */
  private synchronized ProbeResult docker() {
    if (docker == null) {
      try {
        docker = containers.dockerAvailable();
      } catch (LinkageError e) {
        docker = ProbeResult.notAnswering("Testcontainers is not on the classpath: " + e);
      } catch (RuntimeException e) {
        docker = ProbeResult.notAnswering("Docker check failed: " + e);
      }
    }
    return docker;
  }
}
