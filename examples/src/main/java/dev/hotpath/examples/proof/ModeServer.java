package dev.hotpath.examples.proof;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** One mode's gallery for the proof run: in this JVM, or in a JVM of its own (fairer). */
abstract class ModeServer implements AutoCloseable {

  abstract URI uri();

  @Override
  public abstract void close();

  /**
   * Returns the server's {@code /proof/stats}: its statements by total time, vision API calls.
   *
   * @return the parsed JSON
   * @throws IOException if the server does not answer
   * @throws InterruptedException if interrupted
   */
  Map<String, Object> stats() throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(uri().resolve("proof/stats")).build(),
        HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readValue(response.body(), new TypeReference<>() {});
  }

  static ModeServer inProcess(ScaleGallery.Config config) throws Exception {
    ScaleGallery gallery = ScaleGallery.start(config, 0);
    return new ModeServer() {
      @Override
      URI uri() {
        return gallery.uri();
      }

      @Override
      public void close() {
        gallery.close();
      }
    };
  }

  /**
   * Starts {@link ScaleGallery#main} in a new JVM with this JVM's class path, and waits for its
   * {@code READY} line.
   */
  static ModeServer forked(ProofMode mode, long photos, String database, Path log)
      throws IOException {
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-XX:+UseParallelGC", "-cp", classPath(),
        ScaleGallery.class.getName(), mode.label(), String.valueOf(photos), database, "0");
    Process process = new ProcessBuilder(command)
        .redirectError(log.toFile())
        .start();
    BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
      // start-up output, if any
    }
    if (line == null) {
      process.destroyForcibly();
      throw new IOException(mode.label() + " server exited before it was ready; see " + log);
    }
    URI uri = URI.create("http://127.0.0.1:" + line.substring("READY ".length()).trim() + "/");
    return new ModeServer() {
      @Override
      URI uri() {
        return uri;
      }

      @Override
      public void close() {
        process.destroy(); // its shutdown hook stops Jetty and the pool
        try {
          if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
          }
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
    };
  }

  /** This JVM's class path, also when a launcher (exec:java) loaded us through its own loader. */
  static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    for (ClassLoader loader = ModeServer.class.getClassLoader(); loader != null;
        loader = loader.getParent()) {
      if (loader instanceof URLClassLoader urls) {
        for (URL url : urls.getURLs()) {
          try {
            entries.add(Path.of(url.toURI()).toString());
          } catch (URISyntaxException | IllegalArgumentException notAFile) {
            // not a local file: the forked JVM could not use it anyway
          }
        }
      }
    }
    List<String> path = new ArrayList<>(entries);
    path.add(System.getProperty("java.class.path"));
    return String.join(File.pathSeparator, path);
  }
}
