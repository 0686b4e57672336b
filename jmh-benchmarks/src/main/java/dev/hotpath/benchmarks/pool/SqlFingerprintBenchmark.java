package dev.hotpath.benchmarks.pool;

import dev.hotpath.benchmarks.StandardRun;
import dev.hotpath.pool.SqlFingerprint;
import dev.hotpath.pool.internal.BoundedSqlCache;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Fingerprinting a 2 KB statement (comments, string and number literals, an IN list, a join):
 * a fresh scan, against the bounded cache a data source consults when a statement is prepared.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SqlFingerprintBenchmark extends StandardRun {

  private final String sql = twoKilobyteQuery();
  private final BoundedSqlCache<SqlFingerprint> cache =
      new BoundedSqlCache<>(1000, 16 * 1024, SqlFingerprint::of);

  private static String twoKilobyteQuery() {
    StringBuilder sql = new StringBuilder(
        "/* photo gallery: album page */ SELECT p.id, p.title, p.created, u.name, count(t.id)\n"
            + "FROM photo p JOIN users u ON u.id = p.owner_id\n"
            + "LEFT JOIN tag t ON t.photo_id = p.id -- tags are optional\n"
            + "WHERE p.album_id = 4711 AND p.state = 'published' AND p.title NOT LIKE 'tmp%'\n"
            + "  AND p.id IN (");
    for (int i = 0; i < 200; i++) {
      sql.append(i == 0 ? "" : ", ").append(100_000 + i);
    }
    sql.append(")\n GROUP BY p.id, p.title, p.created, u.name ORDER BY p.created DESC LIMIT 50");
    while (sql.length() < 2048) {
      sql.append(' ');
    }
    return sql.toString();
  }

  /**
   * Scans the statement every time.
   *
   * @return the fingerprint
   */
  @Benchmark
  public SqlFingerprint uncached() {
    return SqlFingerprint.of(sql);
  }

  /**
   * Looks the statement up in the bounded cache (a hit after the first call).
   *
   * @return the fingerprint
   */
  @Benchmark
  public SqlFingerprint cached() {
    return cache.get(sql);
  }
}
