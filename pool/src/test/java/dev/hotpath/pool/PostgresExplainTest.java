package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresExplainTest {

  private static final String TABLE = PostgresDatabase.uniqueName("pool_explain");
  private static HotpathDataSource dataSource;

  @BeforeAll
  static void start() throws SQLException {
    dataSource = HotpathDataSource.builder().name("explain").hikari(PostgresDatabase.hikari(2)).build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " (id INT PRIMARY KEY, title TEXT)");
      s.execute("INSERT INTO " + TABLE + " SELECT g, 'photo ' || g FROM generate_series(1, 20000) g");
      s.execute("ANALYZE " + TABLE);
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    PostgresDatabase.dropAndClose(dataSource, "DROP TABLE IF EXISTS " + TABLE);
  }

  @Test
  void flagsASequentialScanOfALargeTable() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      QueryPlan plan = PostgresExplain.explain(c, "SELECT * FROM " + TABLE + " WHERE title = ?", "x");
      assertThat(plan.text()).contains("Seq Scan on " + TABLE);
      assertThat(plan.seqScansOfTablesWithAtLeast(10_000)).singleElement().satisfies(scan -> {
        assertThat(scan.table()).isEqualTo(TABLE);
        assertThat(scan.tableRows()).isBetween(15_000L, 25_000L);
      });
      assertThat(plan.seqScansOfTablesWithAtLeast(1_000_000)).isEmpty();
    }
  }

  @Test
  void anIndexLookupHasNoSequentialScan() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      QueryPlan plan = PostgresExplain.explain(c, "SELECT * FROM " + TABLE + " WHERE id = ?", 42);
      assertThat(plan.seqScans()).isEmpty();
      assertThat(plan.text()).contains("Index Scan");
    }
  }

  @Test
  void explainAnalyzeRollsBackWhatItRan() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      QueryPlan plan = PostgresExplain.explainAnalyze(c, "DELETE FROM " + TABLE + " WHERE id <= ?", 100);
      assertThat(plan.text()).contains("actual time");
      assertThat(c.getAutoCommit()).isTrue();
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(20_000);
      }
      c.setAutoCommit(false);
      assertThatThrownBy(() -> PostgresExplain.explainAnalyze(c, "SELECT 1"))
          .isInstanceOf(IllegalStateException.class);
      c.rollback();
      c.setAutoCommit(true);
    }
  }
}
