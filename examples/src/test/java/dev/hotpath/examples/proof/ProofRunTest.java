package dev.hotpath.examples.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hotpath.core.testing.PostgresEndpoint;
import dev.hotpath.core.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The proof's harness in small, so it cannot rot: a 2,000-photo dataset in a database of its own,
 * each mode in this JVM at two load levels for a few seconds, and the report, CSV, README section
 * and plots checked for shape (not for numbers: this machine is shared).
 */
class ProofRunTest {

  private static final List<Integer> USERS = List.of(10, 30);

  @Test
  void smallRunWritesReportCsvReadmeSectionAndPlotsForEveryEndpointAndMode() throws Exception {
    PostgresEndpoint postgres = TestServices.postgres();
    String server = postgres.jdbcUrl().substring(0, postgres.jdbcUrl().lastIndexOf('/') + 1);
    ProofDatabase database =
        new ProofDatabase(server, "gallery_proof_ci", postgres.user(), postgres.password());
    Path out = Path.of("target", "proof-ci");
    Files.createDirectories(out);
    Path readme = out.resolve("README.md");
    Files.writeString(readme, "# before\n" + ProofReport.BEGIN + "\nold\n" + ProofReport.END
        + "\n# after\n");

    ProofRun.Outcome outcome = ProofRun.run(new ProofRun.Settings(2_000, database, USERS,
        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(5),
        false, out, readme, "CI shape check", "ProofRunTest"));

    assertThat(outcome.levels()).hasSize(USERS.size() * ProofMode.values().length);
    List<String> csv = Files.readAllLines(out.resolve(ProofReport.CSV_FILE));
    assertThat(csv.get(0)).isEqualTo(ProofReport.CSV_HEADER);
    Set<String> seen = new HashSet<>();
    Map<String, Long> requests = new HashMap<>();
    for (String line : csv.subList(1, csv.size())) {
      String[] cells = line.split(",");
      assertThat(cells).hasSize(ProofReport.CSV_HEADER.split(",").length);
      seen.add(cells[0] + "/" + cells[2] + "/" + cells[3]);
      for (int numeric : new int[] {0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14}) {
        assertThat(Double.parseDouble(cells[numeric])).as(line).isFinite();
      }
      requests.merge(cells[2] + "/" + cells[3], Long.parseLong(cells[9]), Long::sum);
      assertThat(cells[15]).isIn("pass", "fail");
    }
    for (int users : USERS) {
      for (ProofMode mode : ProofMode.values()) {
        for (Endpoint endpoint : Endpoint.values()) {
          assertThat(seen).contains(users + "/" + mode.label() + "/" + endpoint.label());
          assertThat(requests.get(mode.label() + "/" + endpoint.label()))
              .as("requests to " + endpoint.label() + " in " + mode.label()).isPositive();
        }
      }
    }

    String report = Files.readString(out.resolve(ProofReport.REPORT_FILE));
    assertThat(report).contains("CI shape check", "### Targets", "### Every endpoint",
        "### Index suggestions", "### Plots");
    assertThat(outcome.findings()).isNotEmpty();
    String section = Files.readString(readme, StandardCharsets.UTF_8);
    assertThat(section).startsWith("# before\n" + ProofReport.BEGIN).endsWith(ProofReport.END
        + "\n# after\n").doesNotContain("\nold\n").contains("### Every endpoint");

    for (String plot : ProofPlots.files(outcome.settings())) {
      byte[] png = Files.readAllBytes(out.resolve(plot));
      assertThat(png.length).as(plot).isGreaterThan(5_000);
      assertThat(Arrays.copyOf(png, 4)).as(plot).containsExactly(0x89, 'P', 'N', 'G');
    }
  }
}
