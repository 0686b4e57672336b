package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * hotpath's grouping against PostgreSQL's own: the query identifier that pg_stat_statements
 * groups statements by, read from {@code EXPLAIN (VERBOSE)} with {@code compute_query_id} on
 * (PostgreSQL 14 and later compute it in core, so the extension need not be preloaded; with it
 * loaded, pg_stat_statements reports the same identifiers). A "same" group of the corpus must be
 * one identifier, a "coarser" group more than one, and no identifier may appear in two groups:
 * hotpath never splits what PostgreSQL keeps together.
 */
class PostgresFingerprintAlignmentTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void groupingAgreesWithPostgresQueryIdentifiers() throws Exception {
    HotpathDataSource db = HotpathDataSource.builder().name("corpus")
        .hikari(PostgresDatabase.hikari(1)).build();
    String schema = PostgresDatabase.uniqueName("corpus");
    try (db; Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
      s.execute("SET search_path = " + schema);
      s.execute("SET compute_query_id = on");
      s.execute("CREATE TABLE photo (id int primary key, owner text, title text, created date,"
          + " ts timestamptz, flag boolean, score numeric, n bigint)");
      s.execute("CREATE TABLE tag (photo_id int, label text)");
      try {
        Map<Long, String> groupOfIdentifier = new HashMap<>();
        for (FingerprintCorpus.Group group : FingerprintCorpus.load()) {
          Set<Long> identifiers = new LinkedHashSet<>();
          for (String sql : group.statements()) {
            long identifier = queryIdentifier(s, sql);
            identifiers.add(identifier);
            String other = groupOfIdentifier.putIfAbsent(identifier, group.name());
            assertThat(other == null || other.equals(group.name()))
                .as("PostgreSQL groups '%s' with group '%s', hotpath does not", sql, other)
                .isTrue();
          }
          if (group.coarser()) {
            assertThat(identifiers).as("coarser group '%s'", group.name()).hasSizeGreaterThan(1);
          } else {
            assertThat(identifiers).as("group '%s'", group.name()).hasSize(1);
          }
        }
      } finally {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static long queryIdentifier(Statement s, String sql) throws Exception {
    try (ResultSet rs = s.executeQuery("EXPLAIN (VERBOSE, FORMAT JSON) " + sql)) {
      rs.next();
      return JSON.readTree(rs.getString(1)).get(0).get("Query Identifier").asLong();
    }
  }
}
