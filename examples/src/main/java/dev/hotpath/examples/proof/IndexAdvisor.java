package dev.hotpath.examples.proof;

import dev.hotpath.pool.KeysetPage;
import dev.hotpath.pool.PostgresExplain;
import dev.hotpath.pool.QueryPlan;
import dev.hotpath.pool.SqlFingerprint;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the naive build's slowest statements into index suggestions checked on the dataset: each
 * statement (matched by {@link SqlFingerprint} to one the gallery issues, so it can be explained
 * with realistic parameters) goes through {@link PostgresExplain} on the naive schema; for every
 * sequential scan of a large table, each candidate index on that table
 * ({@link ScaleDataset#HOTPATH_INDEXES}) whose leading key the statement mentions is built and
 * the statement explained again. Plans are {@code EXPLAIN ANALYZE}, so each check is a run on
 * this dataset: a suggestion holds when the scan is gone and the statement got at least
 * {@link #MIN_SPEEDUP} times faster; when no index does that, the statement itself must change,
 * and the hotpath build's rewrite is explained on the same indexes.
 */
final class IndexAdvisor {

  /** Tables smaller than this are cheap to scan and not reported. */
  static final long LARGE_TABLE_ROWS = 10_000;
  /** How much faster an index must make a statement to be suggested. */
  static final double MIN_SPEEDUP = 5;
  private static final Pattern EXECUTION_TIME = Pattern.compile("Execution Time: ([0-9.]+) ms");

  /**
   * A naive statement the gallery issues, with sample parameters and its hotpath rewrite.
   *
   * @param sql the naive statement
   * @param parameters sample values
   * @param rewrite the hotpath build's statement for the same answer
   * @param rewriteParameters its sample values
   */
  record Known(String sql, List<Object> parameters, String rewrite, List<Object> rewriteParameters) {}

  /**
   * What was found for one statement.
   *
   * @param fingerprint the statement's shape
   * @param naiveTotalMillis its total time in the naive run
   * @param naiveP95Millis its p95 in the naive run
   * @param seqScans the large tables it scanned, with their rows
   * @param suggestion the index that removed a scan, or what to change instead
   * @param checked whether the plan after the suggestion has no sequential scan of a large table
   *     and ran at least {@link #MIN_SPEEDUP} times faster
   * @param beforeMillis the naive statement's execution time in its plan
   * @param afterMillis the execution time after the suggestion
   * @param planBefore the naive plan
   * @param planAfter the plan with the indexes (of the rewrite when the statement must change)
   */
  record Finding(String fingerprint, double naiveTotalMillis, double naiveP95Millis,
      List<String> seqScans, String suggestion, boolean checked, double beforeMillis,
      double afterMillis, String planBefore, String planAfter) {}

  private final ProofDatabase database;
  private final List<Known> known;

  IndexAdvisor(ProofDatabase database, long photos, byte[] cursorSecret, List<String> words) {
    this.database = database;
    String word = words.get(100);
    String tag = words.get(5);
    long page = photos / RequestMix.PAGE_SIZE / 4;
    long last = photos - page * RequestMix.PAGE_SIZE + 1;
    KeysetPage keyset = HotpathQueries.keyset(cursorSecret).page(HotpathQueries.keyset(cursorSecret)
        .cursorAfter(Timestamp.valueOf(ScaleDataset.takenAt(last)), last), RequestMix.PAGE_SIZE);
    List<Object> keysetParameters = new ArrayList<>(keyset.parameters());
    keysetParameters.add(RequestMix.PAGE_SIZE);
    this.known = List.of(
        new Known(NaiveQueries.LIST, List.of(RequestMix.PAGE_SIZE, page * RequestMix.PAGE_SIZE),
            keyset.sql("SELECT " + GalleryQueries.PHOTO_COLUMNS + " FROM photo"), keysetParameters),
        new Known(NaiveQueries.SEARCH, List.of("% " + word + " %", RequestMix.PAGE_SIZE),
            HotpathQueries.SEARCH, List.of(word, RequestMix.PAGE_SIZE)),
        new Known(NaiveQueries.BY_TAG, List.of(tag, RequestMix.PAGE_SIZE),
            HotpathQueries.BY_TAG, List.of(tag, RequestMix.PAGE_SIZE)));
  }

  /**
   * Explains the slowest of {@code statements} that the gallery knows, building candidate
   * indexes as it goes. It leaves the schema without the hotpath indexes.
   *
   * @param statements the naive run's statements, slowest total first, as {@code /proof/stats}
   *     lists them ({@code fingerprint}, {@code totalMs}, {@code p95Ms})
   * @param limit how many to explain
   * @return a finding per explained statement
   * @throws SQLException if PostgreSQL fails
   */
  List<Finding> advise(List<Map<String, Object>> statements, int limit) throws SQLException {
    List<Finding> findings = new ArrayList<>();
    try (Connection c = database.connect()) {
      for (Map<String, Object> statement : statements) {
        String fingerprint = String.valueOf(statement.get("fingerprint"));
        Known match = known.stream()
            .filter(k -> sameShape(k.sql(), fingerprint))
            .findFirst().orElse(null);
        if (match == null) {
          continue;
        }
        findings.add(advise(c, match, fingerprint, number(statement.get("totalMs")),
            number(statement.get("p95Ms"))));
        if (findings.size() == limit) {
          break;
        }
      }
      ScaleDataset.dropHotpathIndexes(c);
    }
    return findings;
  }

  private Finding advise(Connection c, Known statement, String fingerprint, double total,
      double p95) throws SQLException {
    ScaleDataset.dropHotpathIndexes(c); // judge each statement on the naive schema
    QueryPlan before = analyze(c, statement.sql(), statement.parameters());
    List<String> scans = new ArrayList<>();
    String suggestion = null;
    QueryPlan after = before;
    for (QueryPlan.SeqScan scan : before.seqScansOfTablesWithAtLeast(LARGE_TABLE_ROWS)) {
      scans.add(scan.table() + " (" + scan.tableRows() + " rows)");
      for (ScaleDataset.Index index : ScaleDataset.HOTPATH_INDEXES) {
        if (!index.table().equals(scan.table()) || !statement.sql().contains(index.leadingKey())) {
          continue;
        }
        try (var s = c.createStatement()) {
          s.execute("SET maintenance_work_mem = '256MB'");
          s.execute(index.ddl());
          s.execute("ANALYZE " + index.table());
        }
        QueryPlan tried = analyze(c, statement.sql(), statement.parameters());
        if (tried.seqScans().stream().noneMatch(s -> s.table().equals(scan.table()))
            && millis(tried) * MIN_SPEEDUP <= millis(before)) {
          suggestion = index.ddl().replace(" IF NOT EXISTS", "");
          after = tried;
          break;
        }
      }
    }
    boolean checked;
    if (scans.isEmpty()) {
      suggestion = "none: no sequential scan of a large table";
      checked = true;
    } else if (suggestion != null) {
      checked = true;
    } else {
      after = analyze(c, statement.rewrite(), statement.rewriteParameters());
      checked = after.seqScansOfTablesWithAtLeast(LARGE_TABLE_ROWS).isEmpty()
          && millis(after) * MIN_SPEEDUP <= millis(before);
      suggestion = "no index serves it as written; rewrite: " + statement.rewrite();
    }
    return new Finding(fingerprint, total, p95, scans, suggestion, checked, millis(before),
        millis(after), before.text(), after.text());
  }

  private static QueryPlan analyze(Connection c, String sql, List<Object> parameters)
      throws SQLException {
    return PostgresExplain.explainAnalyze(c, sql, parameters.toArray());
  }

  private static double millis(QueryPlan plan) {
    Matcher time = EXECUTION_TIME.matcher(plan.text());
    return time.find() ? Double.parseDouble(time.group(1)) : Double.NaN;
  }

  private static boolean sameShape(String sql, String fingerprint) {
    String known = SqlFingerprint.of(sql).text();
    // A metric tag may be shortened: compare what both hold.
    int length = Math.min(known.length(), fingerprint.length());
    return length > 20 && known.regionMatches(true, 0, fingerprint, 0, length);
  }

  private static double number(Object value) {
    return value instanceof Number n ? n.doubleValue() : 0;
  }
}
