package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles every block's main sources against this module's test class path, which holds the
 * library versions Spring Boot's dependency management picks (older Lettuce, Micrometer,
 * Caffeine, HikariCP and Jackson than hotpath's own). A block that used an API those versions
 * lack would fail here, naming the class and method, before any user met a NoSuchMethodError.
 */
class BlocksCompileUnderBootVersionsTest {
  private static final List<String> BLOCKS =
      List.of("core", "metrics", "cache", "pool", "resilience", "servlet-adapter");

  @Test
  void everyBlockCompilesAgainstBootsManagedVersions(@TempDir Path out) throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    List<String> sources = new ArrayList<>();
    for (String block : BLOCKS) {
      try (Stream<Path> files = Files.walk(root.resolve(block).resolve("src/main/java"))) {
        // module-info.java: one javac run over every block cannot hold several modules
        files.filter(file -> file.toString().endsWith(".java") && !file.endsWith("module-info.java")).map(Path::toString)
            .forEach(sources::add);
      }
    }
    // Third-party jars only: hotpath's own classes come from the sources being compiled.
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.startsWith(root.toString()))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "--release", "17",
        "-d", out.toString(), "-cp", classPath));
    arguments.addAll(sources);

    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int status = javac.run(null, null, errors, arguments.toArray(new String[0]));
    assertThat(status).as("javac errors:%n%s", errors.toString(StandardCharsets.UTF_8)).isZero();
  }
}
