package dev.hotpath.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the performance contract (DESIGN.md) with the settings its README
 * section gives, and writes the contract table: each budget with the ratio measured in that run
 * and whether it was met. {@code jmh-benchmarks/run-contract.sh} builds the jar and runs this.
 *
 * <p>Arguments: {@code --only <group>} runs one group ({@code cache-l1}, {@code cache-l2},
 * {@code pool}, {@code resilience}, {@code servlet}, {@code metrics}); {@code --smoke} replaces
 * every group's settings with {@value #SMOKE} (to check the runner, not to measure; each benchmark
 * still gets a JVM of its own, so one's state cannot break the next); {@code --out <file>} is
 * where the table goes (default {@code jmh-benchmarks/target/contract-table.md});
 * {@code --readme <file>} also replaces the section between {@value #BEGIN} and {@value #END} of
 * that file (never with {@code --smoke}: a smoke table is not a measurement).
 */
public final class ContractRun {

  static final String BEGIN = "<!-- contract-table:begin -->";
  static final String END = "<!-- contract-table:end -->";
  static final String SMOKE = "-f 1 -wi 1 -w 1s -i 1 -r 1s";

  /** A benchmark's score, error, unit and allocation per operation. */
  record Score(double score, double error, String unit, double bytesPerOp) {
    String text() {
      return String.format(Locale.ROOT, "%.1f ± %.1f %s", score, error, unit.replace("/op", ""));
    }
  }

  /** One budget line: what it says and how to judge it from the group's scores. */
  record Budget(String block, String against, String budget,
      Function<Map<String, Score>, Verdict> verdict) {}

  /** What a budget line measured. */
  record Verdict(String measured, boolean met) {}

  /**
   * One JMH run and the budget lines judged from it.
   *
   * @param name the group's name for {@code --only}
   * @param include the benchmarks' regular expression
   * @param forks forks
   * @param warmups warm-up iterations
   * @param warmupSeconds each warm-up iteration's length
   * @param iterations measured iterations
   * @param gc whether the GC profiler runs (for B/op)
   * @param budgets the lines
   */
  record Group(String name, String include, int forks, int warmups, int warmupSeconds,
      int iterations, boolean gc, List<Budget> budgets) {
    String settings() {
      return "-f " + forks + " -wi " + warmups + " -w " + warmupSeconds + "s -i " + iterations
          + " -r 1s" + (gc ? " -prof gc" : "");
    }
  }

  private static final String B = "dev.hotpath.benchmarks.";

  static final List<Group> GROUPS = List.of(
      new Group("cache-l1", B + "cache.(L1HitBenchmark.(tieredTtl|caffeineTtl)|"
          + "InvalidateTagBenchmark.invalidateTag)$", 2, 3, 1, 8, true, List.of(
          new Budget("L1 hit `TieredCache.get`", "raw Caffeine `getIfPresent` (`caffeineTtl`)",
              "<= 2x, and < 1 us absolute", s -> ratio(s, "tieredTtl", "caffeineTtl", 2,
                  s.get("tieredTtl").score() < 1000)),
          new Budget("`invalidateTag`", "same tag with 10 vs 100,000 tagged entries",
              "O(1): ratio <= 1.5", s -> ratio(s, "invalidateTag[taggedEntries=100000]",
                  "invalidateTag[taggedEntries=10]", 1.5, true)))),
      new Group("cache-l2", B + "cache.L2HitBenchmark.(tieredL2Hit|lettuceGet)$", 2, 3, 1, 8, true,
          List.of(new Budget("L2 hit (local Redis)", "raw Lettuce GET", "<= 1.3x",
              s -> ratio(s, "tieredL2Hit", "lettuceGet", 1.3, true)))),
      new Group("pool", B + "pool.(JdbcOverheadBenchmark.(hikari|hikariHandTimed|hotpath|p6spy|"
          + "datasourceProxy)|PostgresJdbcOverheadBenchmark.(hikari|hotpath))$", 3, 5, 1, 8, true,
          List.of(new Budget("JDBC statement through `HotpathDataSource` (H2)",
                  "raw HikariCP timed by hand (`hikariHandTimed`)",
                  "<= 1.05x; <= 120 B/op over raw HikariCP; less added time than p6spy and "
                      + "datasource-proxy", ContractRun::jdbc),
              new Budget("JDBC statement on the local PostgreSQL", "raw HikariCP, same query",
                  "<= 1.02x", s -> ratio(s, "Postgres.hotpath", "Postgres.hikari", 1.02, true)))),
      new Group("resilience", B + "resilience.GuardBenchmark.(direct|guardAllPolicies|"
          + "guardSamePoliciesAsR4j|resilience4jHandComposed)$", 1, 3, 1, 5, true, List.of(
          new Budget("`Guard.call` with all policies, success path",
              "direct call / hand-composed Resilience4j", "< 1 us added; <= 1.1x hand-composed",
              ContractRun::guard))),
      new Group("servlet", B + "servlet.ServletFiltersBenchmark.*", 2, 5, 2, 8, true, List.of(
          new Budget("ETag filter alone, 2 KB body", "Spring's ShallowEtagHeaderFilter",
              "<= 1/3 of its added time and bytes", ContractRun::etag),
          new Budget("ETag + compression + timing filters, 2 KB JSON", "no filters", "< 20 us added",
              s -> {
                double added = s.get("hotpathTimingCompressionEtag").score()
                    - s.get("noFilters").score();
                return new Verdict(String.format(Locale.ROOT, "%.1f us added", added), added < 20);
              }))),
      new Group("edge", B + "servlet.EdgeFiltersBenchmark.*", 2, 5, 2, 8, true, List.of(
          new Budget("Response cache hit, 2 KB page", "no filters; the uncached timing + "
              + "compression + ETag chain", "a few us: < 5 us added, < 1/2 the uncached chain",
              s -> {
                double hit = score(s, "responseCacheHit").score();
                double bare = score(s, "noFilters").score();
                double uncached = score(s, "timingCompressionEtag").score();
                return new Verdict(String.format(Locale.ROOT,
                    "%.1f us added, %.2fx the uncached chain", hit - bare, hit / uncached),
                    hit - bare < 5 && hit / uncached < 0.5);
              }),
          new Budget("Inbound rate limiter, allowed request", "no filters", "< 2 us added",
              s -> {
                double added = score(s, "rateLimitAllowed").score() - score(s, "noFilters").score();
                return new Verdict(String.format(Locale.ROOT, "%.2f us added", added), added < 2);
              }))),
      new Group("metrics", B + "metrics.LatencyRecordBenchmark.(latencyRecorder|micrometerTimer)$",
          1, 3, 1, 5, false, List.of(new Budget("`LatencyRecorder.record`",
              "Micrometer `Timer.record`", "<= 1x",
              s -> ratio(s, "latencyRecorder", "micrometerTimer", 1, true)))));

  private ContractRun() {}

  /**
   * Runs the groups and writes the table.
   *
   * @param args see the class comment
   * @throws RunnerException if JMH fails
   * @throws IOException if the table cannot be written
   */
  public static void main(String[] args) throws RunnerException, IOException {
    String only = null;
    boolean smoke = false;
    Path out = Path.of("jmh-benchmarks", "target", "contract-table.md");
    Path readme = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--only" -> only = args[++i];
        case "--smoke" -> smoke = true;
        case "--out" -> out = Path.of(args[++i]);
        case "--readme" -> readme = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + ": expected --only <group>, --smoke, --out <file> or --readme <file>");
      }
    }
    if (smoke && readme != null) {
      throw new IllegalArgumentException("--readme cannot go with --smoke: a smoke table is not a"
          + " measurement and must not replace the README's");
    }
    StringBuilder table = new StringBuilder("Run ").append(LocalDate.now()).append(", JDK ")
        .append(System.getProperty("java.version")).append(", ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores")
        .append(smoke ? ", **smoke settings (" + SMOKE + "): not a measurement**" : "")
        .append(".\n\n| block | measured against | budget | measured | met | settings |\n"
            + "|---|---|---|---|---|---|\n");
    for (Group group : GROUPS) {
      if (only != null && !only.equals(group.name())) {
        continue;
      }
      Map<String, Score> scores = run(group, smoke);
      for (Budget budget : group.budgets()) {
        Verdict verdict;
        try {
          verdict = budget.verdict().apply(scores);
        } catch (RuntimeException missing) { // a benchmark failed (e.g. no PostgreSQL)
          verdict = new Verdict("no result: " + missing.getMessage(), false);
        }
        table.append("| ").append(budget.block()).append(" | ").append(budget.against())
            .append(" | ").append(budget.budget()).append(" | ").append(verdict.measured())
            .append(" | ").append(verdict.met() ? "yes" : "**no**").append(" | `")
            .append(smoke ? "smoke" : group.settings()).append("` |\n");
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println(table);
    if (readme != null) {
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(readme + " has no " + BEGIN + " ... " + END + " section");
      }
      Files.writeString(readme, text.substring(0, begin) + BEGIN + "\n" + table + END
          + text.substring(end + END.length()), StandardCharsets.UTF_8);
    }
  }

  /**
   * Returns the JMH options of a group: its own settings, or {@link #SMOKE}.
   *
   * @param group the group
   * @param smoke whether to use the smoke settings
   * @return the options
   */
  static Options options(Group group, boolean smoke) {
    ChainedOptionsBuilder options = new OptionsBuilder().include(group.include())
        .shouldFailOnError(false);
    if (smoke) {
      options.forks(1).warmupIterations(1).warmupTime(TimeValue.seconds(1))
          .measurementIterations(1).measurementTime(TimeValue.seconds(1));
    } else {
      options.forks(group.forks()).warmupIterations(group.warmups())
          .warmupTime(TimeValue.seconds(group.warmupSeconds()))
          .measurementIterations(group.iterations()).measurementTime(TimeValue.seconds(1));
    }
    if (group.gc()) {
      options.addProfiler(GCProfiler.class);
    }
    return options.build();
  }

  private static Map<String, Score> run(Group group, boolean smoke) throws RunnerException {
    Map<String, Score> scores = new HashMap<>();
    for (RunResult result : new Runner(options(group, smoke)).run()) {
      String benchmark = result.getParams().getBenchmark();
      String[] parts = benchmark.split("\\.");
      String name = parts[parts.length - 1];
      if (benchmark.contains("Postgres")) {
        name = "Postgres." + name;
      }
      List<String> params = new ArrayList<>();
      for (String key : result.getParams().getParamsKeys()) {
        params.add(key + "=" + result.getParams().getParam(key));
      }
      if (!params.isEmpty()) {
        name += params.toString();
      }
      Result<?> primary = result.getPrimaryResult();
      double bytes = result.getSecondaryResults().entrySet().stream()
          .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
          .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN);
      scores.put(name, new Score(primary.getScore(), primary.getScoreError(),
          primary.getScoreUnit(), bytes));
    }
    return scores;
  }

  private static Score score(Map<String, Score> scores, String name) {
    Score score = scores.get(name);
    if (score == null) {
      throw new IllegalStateException(name + " did not run");
    }
    return score;
  }

  private static Verdict ratio(Map<String, Score> s, String measured, String baseline,
      double budget, boolean alsoMet) {
    Score m = score(s, measured);
    Score b = score(s, baseline);
    double ratio = m.score() / b.score();
    return new Verdict(String.format(Locale.ROOT, "%s / %s = **%.2fx**", m.text(), b.text(),
        ratio), ratio <= budget && alsoMet);
  }

  private static Verdict jdbc(Map<String, Score> s) {
    Score hotpath = score(s, "hotpath");
    Score hikari = score(s, "hikari");
    Score handTimed = score(s, "hikariHandTimed");
    double added = hotpath.score() - hikari.score();
    double p6spy = score(s, "p6spy").score() - hikari.score();
    double proxy = score(s, "datasourceProxy").score() - hikari.score();
    double ratio = hotpath.score() / handTimed.score();
    double bytes = hotpath.bytesPerOp() - hikari.bytesPerOp();
    return new Verdict(String.format(Locale.ROOT, "**%.2fx** hand-timed; +%.0f B/op; adds %.0f ns"
            + " (p6spy %.0f, datasource-proxy %.0f)", ratio, bytes, added, p6spy, proxy),
        ratio <= 1.05 && bytes <= 120 && added < p6spy && added < proxy);
  }

  private static Verdict guard(Map<String, Score> s) {
    double added = score(s, "guardAllPolicies").score() - score(s, "direct").score();
    double ratio = score(s, "guardSamePoliciesAsR4j").score()
        / score(s, "resilience4jHandComposed").score();
    return new Verdict(String.format(Locale.ROOT, "adds %.0f ns; **%.2fx** hand-composed", added,
        ratio), added < 1000 && ratio <= 1.1);
  }

  private static Verdict etag(Map<String, Score> s) {
    Score none = score(s, "noFilters");
    Score ours = score(s, "hotpathEtag");
    Score spring = score(s, "springShallowEtag");
    double time = (ours.score() - none.score()) / (spring.score() - none.score());
    double bytes = (ours.bytesPerOp() - none.bytesPerOp())
        / (spring.bytesPerOp() - none.bytesPerOp());
    return new Verdict(String.format(Locale.ROOT, "**%.2fx** Spring's added time, **%.2fx** its"
        + " added bytes", time, bytes), time <= 1.0 / 3 && bytes <= 1.0 / 3);
  }
}
