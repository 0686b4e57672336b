package dev.hotpath.examples.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Writes the proof's report: {@value #REPORT_FILE} (Markdown: the targets per mode and level,
 * every endpoint's numbers, the index suggestions), {@value #CSV_FILE} (the same numbers, one row
 * per level, mode and endpoint) and, when the settings name a README, the report as the section
 * between {@value #BEGIN} and {@value #END} in it.
 */
final class ProofReport {

  static final String REPORT_FILE = "report.md";
  static final String CSV_FILE = "results.csv";
  static final String BEGIN = "<!-- proof-report:begin -->";
  static final String END = "<!-- proof-report:end -->";
  static final String CSV_HEADER = "users,offered_rps,mode,endpoint,rps,p50_ms,p95_ms,p99_ms,"
      + "max_ms,requests,errors,queries_per_request,bytes_per_response,gzip_saving,"
      + "target_p95_ms,pass";

  /** A target of issue 18, over one or more endpoints. */
  private record Target(String name, List<Endpoint> endpoints, int p95Millis) {}

  private static final List<Target> TARGETS = List.of(
      new Target("listing p95 < 300 ms", List.of(Endpoint.LIST, Endpoint.LIST_DEEP), 300),
      new Target("search p95 < 500 ms", List.of(Endpoint.SEARCH), 500),
      new Target("tag filter p95 < 200 ms", List.of(Endpoint.TAG), 200),
      new Target("API p95 < 200 ms (detail, upload)", List.of(Endpoint.DETAIL, Endpoint.UPLOAD),
          200),
      new Target("labels via the vision API p95 < 200 ms", List.of(Endpoint.LABELS), 200));

  private ProofReport() {}

  static void write(ProofRun.Outcome outcome) throws IOException {
    Path out = outcome.settings().out();
    String report = markdown(outcome, "");
    Files.writeString(out.resolve(REPORT_FILE), report, StandardCharsets.UTF_8);
    Files.writeString(out.resolve(CSV_FILE), csv(outcome), StandardCharsets.UTF_8);
    Path readme = outcome.settings().readme();
    if (readme != null) {
      Path images = readme.toAbsolutePath().getParent().relativize(out.toAbsolutePath());
      String text = Files.readString(readme, StandardCharsets.UTF_8);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalStateException(readme + " has no " + BEGIN + " ... " + END + " section");
      }
      String section = BEGIN + "\n" + markdown(outcome, images.toString().replace('\\', '/') + "/")
          + END;
      Files.writeString(readme, text.substring(0, begin) + section
          + text.substring(end + END.length()), StandardCharsets.UTF_8);
    }
  }

  private static String markdown(ProofRun.Outcome o, String imagePrefix) {
    ProofRun.Settings s = o.settings();
    StringBuilder md = new StringBuilder();
    if (!s.note().isBlank()) {
      md.append("> **").append(s.note()).append("**\n\n");
    }
    md.append("Run ").append(o.started().toString(), 0, 16).append(" UTC, ")
        .append(String.format(Locale.ROOT, "%,d", s.photos())).append(" photos (")
        .append(String.format(Locale.ROOT, "%,d", o.tagRows())).append(" photo-tag rows, database ")
        .append(String.format(Locale.ROOT, "%,d", o.databaseBytes() >> 20))
        .append(" MB with the hotpath indexes; target 1-5 GB), ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, JDK ")
        .append(System.getProperty("java.version")).append(", Redis second tier ")
        .append(o.redis() ? "on" : "off").append(", whole run ").append(minutes(o.elapsed()))
        .append(".\n\nCommand: `").append(s.command()).append("`\n\n")
        .append("Seed: ").append(o.seedTime().isZero() ? "reused the existing dataset"
            : "seeded in " + o.seedTime().toSeconds() + " s")
        .append("; hotpath indexes built in ").append(o.indexTime().toSeconds())
        .append(" s. User model: a user holds one connection and sends a request every ")
        .append(s.think().toMillis() / 1000.0).append(" s, so ").append(s.users())
        .append(" users offer ").append(s.users().stream().map(u -> fmt(s.rate(u))).toList())
        .append(" requests/s at a constant rate (open model, latency from the intended send time);")
        .append(" each level: ").append(s.warmup().toSeconds()).append(" s warm-up (not recorded), ")
        .append(s.duration().toSeconds()).append(" s measured, ").append(s.timeout().toSeconds())
        .append(" s timeout (an error). Vision API calls per mode: ").append(o.visionCalls())
        .append(".\n\n");

    md.append("### Targets\n\n| target | users |");
    for (ProofMode mode : s.modes()) {
      md.append(' ').append(mode.label()).append(" |");
    }
    md.append("\n|---|---:|").append("---|".repeat(s.modes().size())).append('\n');
    for (int users : s.users()) {
      for (Target target : TARGETS) {
        md.append("| ").append(target.name()).append(" | ").append(users).append(" |");
        for (ProofMode mode : s.modes()) {
          level(o, mode, users).ifPresentOrElse(level -> {
            Histogram h = new Histogram(3);
            long errors = 0;
            for (Endpoint e : target.endpoints()) {
              h.add(level.endpoints().get(e).latencies());
              errors += level.endpoints().get(e).errors();
            }
            double p95 = millis(h, 95);
            md.append(' ').append(fmt(p95)).append(" ms ")
                .append(p95 < target.p95Millis() && errors == 0 ? "pass" : "**fail**")
                .append(errors > 0 ? " (" + errors + " errors)" : "").append(" |");
          }, () -> md.append(" - |"));
        }
        md.append('\n');
      }
      md.append("| responses 60-80% smaller compressed (pages) | ").append(users).append(" |");
      for (ProofMode mode : s.modes()) {
        level(o, mode, users).ifPresentOrElse(level -> {
          double saving = saving(level);
          md.append(' ').append(Math.round(saving * 100)).append("% ")
              .append(saving >= 0.6 ? "pass" : "**fail**").append(" |");
        }, () -> md.append(" - |"));
      }
      md.append('\n');
    }

    md.append("\n### Every endpoint\n\n| users | mode | endpoint | req/s | p50 ms | p95 ms | p99 ms |"
        + " max ms | errors | queries/req | bytes/resp | gzip saving | target p95 | pass |\n"
        + "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row row : rows(o)) {
      md.append("| ").append(row.users).append(" | ").append(row.mode).append(" | ")
          .append(row.endpoint).append(" | ").append(fmt(row.rps)).append(" | ")
          .append(fmt(row.p50)).append(" | ").append(fmt(row.p95)).append(" | ")
          .append(fmt(row.p99)).append(" | ").append(fmt(row.max)).append(" | ")
          .append(row.errors).append(" | ").append(fmt(row.queries)).append(" | ")
          .append(Math.round(row.bytes)).append(" | ").append(Math.round(row.saving * 100))
          .append("% | ").append(row.target).append(" | ").append(row.pass ? "pass" : "**fail**")
          .append(" |\n");
    }

    md.append("\n### Index suggestions from `PostgresExplain` on the naive build's slowest"
        + " statements\n\nEach statement was explained (`EXPLAIN ANALYZE`, on this dataset) with"
        + " sample parameters; each candidate index on a sequentially scanned table was built and"
        + " the statement explained again. A suggestion is *checked* when the scan is gone and the"
        + " statement ran at least " + (int) IndexAdvisor.MIN_SPEEDUP + "x faster.\n\n"
        + "| naive statement | naive total ms | seq scans | suggestion | before ms | after ms |"
        + " checked |\n|---|---:|---|---|---:|---:|---|\n");
    for (IndexAdvisor.Finding f : o.findings()) {
      md.append("| `").append(cell(f.fingerprint())).append("` | ").append(fmt(f.naiveTotalMillis()))
          .append(" | ").append(String.join(", ", f.seqScans())).append(" | `")
          .append(cell(f.suggestion())).append("` | ").append(fmt(f.beforeMillis())).append(" | ")
          .append(fmt(f.afterMillis())).append(" | ").append(f.checked() ? "yes" : "**no**")
          .append(" |\n");
    }

    md.append("\n### Plots\n\n");
    for (String plot : ProofPlots.files(s)) {
      md.append("![").append(plot).append("](").append(imagePrefix).append(plot).append(")\n\n");
    }
    return md.toString();
  }

  /** One row of the endpoint table and of the CSV. */
  private record Row(int users, double offered, String mode, String endpoint, double rps,
      double p50, double p95, double p99, double max, long requests, long errors, double queries,
      double bytes, double saving, int target, boolean pass) {}

  private static List<Row> rows(ProofRun.Outcome o) {
    List<Row> rows = new ArrayList<>();
    for (LevelResult level : o.levels()) {
      for (Endpoint e : Endpoint.values()) {
        EndpointStats stats = level.endpoints().get(e);
        Histogram h = stats.latencies();
        double p95 = millis(h, 95);
        rows.add(new Row(level.users(), level.offeredRate(), level.mode().label(), e.label(),
            level.throughput(e), millis(h, 50), p95, millis(h, 99),
            h.getMaxValue() / 1e6, stats.requests(), stats.errors(), stats.queriesPerRequest(),
            stats.bytesPerResponse(), stats.compressionSaving(), e.p95TargetMillis(),
            stats.requests() > 0 && stats.errors() == 0 && p95 < e.p95TargetMillis()));
      }
    }
    return rows;
  }

  private static String csv(ProofRun.Outcome o) {
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    for (Row r : rows(o)) {
      csv.append(String.format(Locale.ROOT,
          "%d,%.1f,%s,%s,%.2f,%.2f,%.2f,%.2f,%.2f,%d,%d,%.2f,%.0f,%.3f,%d,%s%n", r.users, r.offered,
          r.mode, r.endpoint, r.rps, r.p50, r.p95, r.p99, r.max, r.requests, r.errors, r.queries,
          r.bytes, r.saving, r.target, r.pass ? "pass" : "fail"));
    }
    return csv.toString();
  }

  private static java.util.Optional<LevelResult> level(ProofRun.Outcome o, ProofMode mode,
      int users) {
    return o.levels().stream().filter(l -> l.mode() == mode && l.users() == users).findFirst();
  }

  private static double saving(LevelResult level) {
    // Bytes decoded and on the wire, over the pages (where compression is meant to act).
    double wire = 0;
    double decoded = 0;
    for (Endpoint e : Endpoint.values()) {
      if (e.compressible()) {
        wire += level.endpoints().get(e).wireBytes();
        decoded += level.endpoints().get(e).decodedBytes();
      }
    }
    return decoded == 0 ? 0 : 1 - wire / decoded;
  }

  static double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e6;
  }

  private static String minutes(java.time.Duration d) {
    return d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }

  static String fmt(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("`", "'");
  }
}
