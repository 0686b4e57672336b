package dev.hotpath.examples.proof;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The proof in one command: seeds the dataset if needed, runs each {@link ProofMode} in turn (in
 * a JVM of its own by default) at each load level, explains the naive build's slowest statements
 * and checks the resulting index suggestions, then writes the report and its plots.
 *
 * <p>Settings are system properties (defaults in brackets): {@code proof.photos} [1500000],
 * {@code proof.database} [gallery_scale], {@code proof.users} [50,150,500], {@code proof.think}
 * seconds between a user's requests [2], {@code proof.warmup} [15] and {@code proof.duration}
 * [45] seconds per level, {@code proof.timeout} per request [10 s], {@code proof.fork} [true],
 * {@code proof.out} [examples/proof-report], {@code proof.readme} (a README to write the report
 * section into; none by default), {@code proof.note} (a line at the top of the report) and
 * {@code proof.modes} [naive,hotpath,hotpath-no-cache] (a subset, e.g. for a quick check of one
 * build; they always run in that order, since the naive build runs before the indexes exist).
 */
public final class ProofRun {
  /**
   * The full run's photo count: at least the million photos, and enough that the
   * database with the hotpath indexes passes the 1 GB the plans' databases start at (a million
   * photos make about 800 MB).
   */
  static final long DEFAULT_PHOTOS = 1_500_000;


  /**
   * The run's settings.
   *
   * @param photos the dataset's photo count
   * @param database the dataset's database (a forked mode finds its server in the environment,
   *     as {@link ProofDatabase#fromEnvironment} does)
   * @param users the load levels, in simulated users
   * @param think the mean time between one user's requests: the offered rate is users / think
   * @param warmup per level, sent but not recorded
   * @param duration per level, recorded
   * @param timeout per request
   * @param fork whether each mode runs in a JVM of its own
   * @param out where the report and plots go
   * @param readme a README whose report section is replaced, or null
   * @param note a line for the top of the report, or empty
   * @param command the command line that reproduces the run, for the report
   * @param modes the builds to run, in {@link ProofMode} order, no repeats
   */
  public record Settings(long photos, ProofDatabase database, List<Integer> users, Duration think,
      Duration warmup, Duration duration, Duration timeout, boolean fork, Path out, Path readme,
      String note, String command, List<ProofMode> modes) {

    /**
     * Puts the modes in their run order and refuses an empty set.
     */
    public Settings {
      modes = modes.stream().distinct().sorted().toList();
      if (modes.isEmpty()) {
        throw new IllegalArgumentException("modes must name at least one of naive, hotpath,"
            + " hotpath-no-cache, was empty");
      }
    }

    /**
     * The settings of a run of every mode.
     *
     * @param photos the dataset's photo count
     * @param database the dataset's database
     * @param users the load levels, in simulated users
     * @param think the mean time between one user's requests
     * @param warmup per level, sent but not recorded
     * @param duration per level, recorded
     * @param timeout per request
     * @param fork whether each mode runs in a JVM of its own
     * @param out where the report and plots go
     * @param readme a README whose report section is replaced, or null
     * @param note a line for the top of the report, or empty
     * @param command the command line that reproduces the run, for the report
     */
    public Settings(long photos, ProofDatabase database, List<Integer> users, Duration think,
        Duration warmup, Duration duration, Duration timeout, boolean fork, Path out, Path readme,
        String note, String command) {
      this(photos, database, users, think, warmup, duration, timeout, fork, out, readme, note,
          command, List.of(ProofMode.values()));
    }

    /**
     * Reads the settings from system properties.
     *
     * @return the settings
     */
    public static Settings fromSystemProperties() {
      String readme = System.getProperty("proof.readme");
      return new Settings(
          Long.getLong("proof.photos", DEFAULT_PHOTOS),
          ProofDatabase.fromEnvironment(
              System.getProperty("proof.database", ProofDatabase.DEFAULT_DATABASE)),
          Arrays.stream(System.getProperty("proof.users", "50,150,500").split(","))
              .map(String::trim).map(Integer::valueOf).toList(),
          seconds("proof.think", 2), seconds("proof.warmup", 15), seconds("proof.duration", 45),
          seconds("proof.timeout", 10),
          Boolean.parseBoolean(System.getProperty("proof.fork", "true")),
          Path.of(System.getProperty("proof.out", "examples/proof-report")),
          readme == null || readme.isBlank() ? null : Path.of(readme),
          System.getProperty("proof.note", ""),
          System.getProperty("proof.command", "examples/proof.sh"),
          Arrays.stream(System.getProperty("proof.modes", "naive,hotpath,hotpath-no-cache")
              .split(",")).map(String::trim).filter(m -> !m.isEmpty()).map(ProofMode::of)
              .toList());
    }

    private static Duration seconds(String property, double fallback) {
      return Duration.ofMillis((long) (1000 * Double.parseDouble(
          System.getProperty(property, String.valueOf(fallback)))));
    }

    double rate(int users) {
      return users / (think.toMillis() / 1000.0);
    }
  }

  /**
   * Everything the run found, for the report.
   *
   * @param settings the settings
   * @param started when it started
   * @param seedTime how long seeding took, zero when the dataset was reused
   * @param tagRows the seeded photo-tag rows
   * @param indexTime how long the hotpath indexes took to build
   * @param levels every mode at every level
   * @param findings the index suggestions
   * @param visionCalls per mode, calls that reached the vision API
   * @param redis whether the hotpath caches had Redis as their second tier
   * @param databaseBytes the dataset's database at the end, hotpath indexes included
   * @param elapsed the whole run
   */
  record Outcome(Settings settings, Instant started, Duration seedTime, long tagRows,
      Duration indexTime,
      List<LevelResult> levels, List<IndexAdvisor.Finding> findings,
      Map<String, Long> visionCalls, boolean redis, long databaseBytes, Duration elapsed) {}

  private ProofRun() {}

  /**
   * Runs the proof with {@link Settings#fromSystemProperties()}.
   *
   * @param args unused
   * @throws Exception if a step fails
   */
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.fromSystemProperties();
    Outcome outcome = run(settings);
    System.out.println("proof done in " + outcome.elapsed().toSeconds() + " s: "
        + settings.out().resolve(ProofReport.REPORT_FILE).toAbsolutePath());
  }

  /**
   * Runs the proof and writes its report.
   *
   * @param settings what to run
   * @return what it found
   * @throws Exception if a step fails
   */
  static Outcome run(Settings settings) throws Exception {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    ProofDatabase database = settings.database();
    ScaleDataset dataset = new ScaleDataset(database);
    log("dataset: " + settings.photos() + " photos in " + database.database());
    Duration seedTime = dataset.ensure(settings.photos());
    log(seedTime.isZero() ? "dataset reused" : "seeded in " + seedTime.toSeconds() + " s");
    List<String> words = RequestMix.vocabulary(database);
    long tagRows = dataset.tagRows();
    byte[] secret = ScaleGallery.cursorSecret(ScaleGallery.CURSOR_KEY_NAME);
    String redisUri = System.getenv("HOTPATH_REDIS_URI");
    Files.createDirectories(settings.out());

    if (settings.modes().contains(ProofMode.NAIVE)) {
      dataset.dropHotpathIndexes(); // the naive build runs on keys only
    }
    List<LevelResult> levels = new ArrayList<>();
    List<IndexAdvisor.Finding> findings = List.of();
    Duration indexTime = null;
    Map<String, Long> visionCalls = new java.util.LinkedHashMap<>();
    for (ProofMode mode : settings.modes()) {
      if (mode.blocks() && indexTime == null) { // built once, before the first hotpath build
        indexTime = dataset.createHotpathIndexes();
        log("hotpath indexes built in " + indexTime.toSeconds() + " s");
      }
      log("mode " + mode.label());
      try (ModeServer server = settings.fork()
          ? ModeServer.forked(mode, settings.photos(), database.database(),
              settings.out().resolve(mode.label() + ".log"))
          : ModeServer.inProcess(new ScaleGallery.Config(mode, database, settings.photos(),
              secret, redisUri))) {
        RequestMix mix = new RequestMix(mode, settings.photos(), secret, words);
        for (int users : settings.users()) {
          double rate = settings.rate(users);
          log("  " + users + " users, " + rate + " req/s");
          LoadDriver driver = new LoadDriver(new LoadDriver.Settings(server.uri(), rate, users,
              settings.warmup(), settings.duration(), settings.timeout()), mix);
          levels.add(new LevelResult(mode, users, rate, settings.duration(), driver.run(users)));
        }
        Map<String, Object> stats = server.stats();
        visionCalls.put(mode.label(), ((Number) stats.get("visionCalls")).longValue());
        if (mode == ProofMode.NAIVE) {
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> statements = (List<Map<String, Object>>) stats.get("statements");
          log("explaining the naive build's slowest statements");
          findings = new IndexAdvisor(database, settings.photos(), secret, words)
              .advise(statements, 3);
        }
      }
    }
    Outcome outcome = new Outcome(settings, started, seedTime, tagRows,
        indexTime == null ? Duration.ZERO : indexTime, levels, findings,
        visionCalls, redisUri != null && !redisUri.isBlank(), dataset.databaseBytes(),
        Duration.ofNanos(System.nanoTime() - t0));
    ProofPlots.write(outcome);
    ProofReport.write(outcome);
    return outcome;
  }

  private static void log(String line) {
    System.out.println("[proof " + Instant.now().toString().substring(11, 19) + "] " + line);
  }
}
