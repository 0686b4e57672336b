package dev.hotpath.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestcontainersStarterTest {

  @TempDir
  Path home;

  @Test
  void dockerNotConsideredWithoutDockerHostSocketOrProperties() {
    TestcontainersStarter starter =
        new TestcontainersStarter(Map.of(), home.resolve("docker.sock"), home);

    ProbeResult docker = starter.dockerAvailable();

    assertThat(docker.answered()).isFalse();
    assertThat(docker.detail())
        .contains("no Docker engine", "DOCKER_HOST unset", "docker.sock", ".testcontainers.properties");
  }

  @Test
  void dockerConsideredWhenDockerHostIsSet() {
    TestcontainersStarter starter = new TestcontainersStarter(
        Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home.resolve("docker.sock"), home);

    assertThat(starter.enginePlausible()).isTrue();
  }

  @Test
  void dockerConsideredWhenSocketExists() throws IOException {
    Path socket = Files.createFile(home.resolve("docker.sock"));

    assertThat(new TestcontainersStarter(Map.of(), socket, home).enginePlausible()).isTrue();
  }

  @Test
  void dockerConsideredWhenTestcontainersPropertiesExist() throws IOException {
    Files.createFile(home.resolve(".testcontainers.properties"));

    assertThat(new TestcontainersStarter(Map.of(), home.resolve("docker.sock"), home).enginePlausible())
        .isTrue();
  }
}
