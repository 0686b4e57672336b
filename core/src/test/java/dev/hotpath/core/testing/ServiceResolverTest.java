package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ServiceResolverTest {

  private static final ProbeResult REFUSED = ProbeResult.notAnswering("nothing listening (refused)");
  private static final RedisEndpoint CONTAINER_REDIS = RedisEndpoint.of("docker.local", 32768);
  private static final PostgresEndpoint CONTAINER_POSTGRES =
      new PostgresEndpoint("jdbc:postgresql://docker.local:32769/test", "postgres", "");

  private final RecordingProbe redisProbe = new RecordingProbe(REFUSED);
  private final RecordingProbe postgresProbe = new RecordingProbe(REFUSED);
  private final FakeContainers noDocker = new FakeContainers(ProbeResult.notAnswering("no Docker engine"));
  private final FakeContainers docker = new FakeContainers(ProbeResult.answering("Docker engine answers"));

  @Test
  void environmentRedisUriWinsOverDockerAndLocalPort() {
    RedisEndpoint redis = resolver(Map.of("HOTPATH_REDIS_URI", "redis://cache.example:6380"), docker)
        .redis().endpoint();

    assertThat(redis).isEqualTo(new RedisEndpoint("redis://cache.example:6380", "cache.example", 6380));
    assertThat(docker.calls).hasValue(0);
    assertThat(redisProbe.addresses).isEmpty();
  }

  @Test
  void environmentJdbcUrlWinsWithDefaultUserAndEmptyPassword() {
    PostgresEndpoint postgres =
        resolver(Map.of("HOTPATH_JDBC_URL", "jdbc:postgresql://db.example/app"), docker).postgres().endpoint();

    assertThat(postgres).isEqualTo(new PostgresEndpoint("jdbc:postgresql://db.example/app", "postgres", ""));
    assertThat(docker.calls).hasValue(0);
    assertThat(postgresProbe.addresses).isEmpty();
  }

  @Test
  void environmentJdbcUserAndPasswordAreUsed() {
    Map<String, String> environment = Map.of("HOTPATH_JDBC_URL", "jdbc:postgresql://db.example/app",
        "HOTPATH_JDBC_USER", "app", "HOTPATH_JDBC_PASSWORD", "secret");

    assertThat(resolver(environment, noDocker).postgres().endpoint())
        .isEqualTo(new PostgresEndpoint("jdbc:postgresql://db.example/app", "app", "secret"));
  }

  @Test
  void malformedEnvironmentValueFailsEvenWhenNotRequired() {
    Map<String, String> environment =
        Map.of("HOTPATH_REDIS_URI", "localhost:6379", "HOTPATH_JDBC_URL", "jdbc:mysql://db/app");
    ServiceResolver resolver = resolver(environment, noDocker);

    assertThatThrownBy(() -> resolver.redis().endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("HOTPATH_REDIS_URI", "localhost:6379");
    assertThatThrownBy(() -> resolver.postgres().endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("HOTPATH_JDBC_URL", "jdbc:mysql://db/app");
  }

  @Test
  void dockerContainersChosenWhenNoEnvironmentAndDockerAnswers() {
    ServiceResolver resolver = resolver(Map.of(), docker);

    assertThat(resolver.redis().endpoint()).isEqualTo(CONTAINER_REDIS);
    assertThat(resolver.postgres().endpoint()).isEqualTo(CONTAINER_POSTGRES);
    assertThat(redisProbe.addresses).isEmpty();
    assertThat(postgresProbe.addresses).isEmpty();
  }

  @Test
  void dockerIsCheckedOnceForBothServices() {
    ServiceResolver resolver = resolver(Map.of(), noDocker);

    resolver.redis();
    resolver.postgres();

    assertThat(noDocker.calls).hasValue(1);
  }

  @Test
  void containerThatDoesNotStartFallsBackToLocalPortAndIsReported() {
    FakeContainers broken = new FakeContainers(ProbeResult.answering("Docker engine answers"));
    broken.startFailure = new IllegalStateException("image pull failed");

    Resolution<RedisEndpoint> redis = resolver(Map.of(), broken).redis();

    assertThat(redisProbe.addresses).containsExactly("127.0.0.1:6379");
    assertThatThrownBy(redis::endpoint).hasMessageContaining("image pull failed");
  }

  @Test
  void localRedisChosenWhenNoEnvironmentOrDocker() {
    ServiceResolver resolver = new ServiceResolver(environmentWithoutHotpathVariables(),
        System.getProperties(), noDocker, WireProbe.redis(), postgresProbe, ServiceResolver.PROBE_TIMEOUT);

    Resolution<RedisEndpoint> redis = resolver.redis();

    assertThat(redis.endpoint()).isEqualTo(new RedisEndpoint("redis://127.0.0.1:6379", "127.0.0.1", 6379));
    assertThat(redis.description()).contains("local port 127.0.0.1:6379", "+PONG");
  }

  @Test
  void localPostgresChosenWhenNoEnvironmentOrDocker() {
    ServiceResolver resolver = new ServiceResolver(environmentWithoutHotpathVariables(),
        System.getProperties(), noDocker, redisProbe, WireProbe.postgres(), ServiceResolver.PROBE_TIMEOUT);

    Resolution<PostgresEndpoint> postgres = resolver.postgres();

    assertThat(postgres.endpoint())
        .isEqualTo(new PostgresEndpoint("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
    assertThat(postgres.description()).contains("local port 127.0.0.1:5432", "SSL request");
  }

  @Test
  void nothingFoundSkipsWithMessageNamingServiceVariableAndAddress() {
    ServiceResolver resolver = resolver(Map.of(), noDocker);

    assertThatThrownBy(() -> resolver.redis().endpoint())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContainingAll("No Redis", "HOTPATH_REDIS_URI", "no Docker engine", "127.0.0.1:6379",
            "refused", "Skipping");
    assertThatThrownBy(() -> resolver.postgres().endpoint())
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContainingAll("No PostgreSQL", "HOTPATH_JDBC_URL", "no Docker engine", "127.0.0.1:5432",
            "refused", "Skipping");
  }

  @Test
  void nothingFoundFailsWhenCiIsTrue() {
    ServiceResolver resolver = resolver(Map.of("CI", "true"), noDocker);

    assertThatThrownBy(() -> resolver.redis().endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("No Redis", "HOTPATH_REDIS_URI", "127.0.0.1:6379", "because CI=true");
    assertThatThrownBy(() -> resolver.postgres().endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("No PostgreSQL", "HOTPATH_JDBC_URL", "127.0.0.1:5432", "because CI=true");
  }

  @Test
  void nothingFoundFailsWhenRequireServicesPropertyIsTrue() {
    Properties properties = new Properties();
    properties.setProperty("hotpath.requireServices", "true");
    ServiceResolver resolver = new ServiceResolver(
        Map.of(), properties, noDocker, redisProbe, postgresProbe, Duration.ofMillis(1));

    assertThatThrownBy(() -> resolver.redis().endpoint())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContainingAll("No Redis", "HOTPATH_REDIS_URI", "127.0.0.1:6379",
            "because -Dhotpath.requireServices=true");
  }

  @Test
  void redisNeedingPasswordIsReportedAsSuch() {
    redisProbe.result = ProbeResult.notAnswering("Redis answers but needs a password");

    assertThatThrownBy(() -> resolver(Map.of(), noDocker).redis().endpoint())
        .hasMessageContaining("needs a password");
  }

  private ServiceResolver resolver(Map<String, String> environment, ContainerStarter containers) {
    return new ServiceResolver(
        environment, new Properties(), containers, redisProbe, postgresProbe, Duration.ofMillis(1));
  }

  /** The real environment, so CI=true still makes a missing local service fail. */
  private static Map<String, String> environmentWithoutHotpathVariables() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.keySet().removeIf(name -> name.startsWith("HOTPATH_"));
    return environment;
  }

  private static final class RecordingProbe implements ServiceProbe {
    final List<String> addresses = new CopyOnWriteArrayList<>();
    volatile ProbeResult result;

    RecordingProbe(ProbeResult result) {
      this.result = result;
    }

    @Override
    public ProbeResult probe(String host, int port, Duration timeout) {
      addresses.add(host + ":" + port);
      return result;
    }
  }

  private static class FakeContainers implements ContainerStarter {
    final AtomicInteger calls = new AtomicInteger();
    final ProbeResult docker;
    volatile RuntimeException startFailure;

    FakeContainers(ProbeResult docker) {
      this.docker = docker;
    }

    @Override
    public ProbeResult dockerAvailable() {
      calls.incrementAndGet();
      return docker;
    }

    @Override
    public RedisEndpoint startRedis() {
      return started(CONTAINER_REDIS);
    }

    @Override
    public PostgresEndpoint startPostgres() {
      return started(CONTAINER_POSTGRES);
    }

    private <T> T started(T endpoint) {
      calls.incrementAndGet();
      if (startFailure != null) {
        throw startFailure;
      }
      return endpoint;
    }
  }
}
