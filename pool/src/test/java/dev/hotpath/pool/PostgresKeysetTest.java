package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keyset pages on real PostgreSQL stay stable (no row twice, none skipped) under inserts. */
class PostgresKeysetTest {

  private static final String TABLE = PostgresDatabase.uniqueName("pool_keyset");
  private static final byte[] SECRET =
      "keyset-test-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);
  private static HotpathDataSource dataSource;

  @BeforeAll
  static void start() throws SQLException {
    dataSource = HotpathDataSource.builder().name("keyset").hikari(PostgresDatabase.hikari(3)).build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " (score INT NOT NULL, id BIGSERIAL PRIMARY KEY)");
      s.execute("INSERT INTO " + TABLE + " (score) SELECT g % 7 + 10 FROM generate_series(1, 100) g");
    }
  }

  @AfterAll
  static void stop() throws SQLException {
    PostgresDatabase.dropAndClose(dataSource, "DROP TABLE IF EXISTS " + TABLE);
  }

  private static List<long[]> allRows(Connection c) throws SQLException {
    List<long[]> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT score, id FROM " + TABLE + " ORDER BY score, id")) {
      while (rs.next()) {
        rows.add(new long[] {rs.getInt(1), rs.getLong(2)});
      }
    }
    return rows;
  }

  @Test
  void pagesStayStableWhileRowsAreInsertedConcurrently() throws Exception {
    Keyset keyset = Keyset.builder().allowedColumns("score", "id").orderBy("score", "id")
        .secret(SECRET).maxPageSize(50).build();
    List<Long> before;
    try (Connection c = dataSource.getConnection()) {
      before = allRows(c).stream().map(row -> row[1]).toList();
    }
    List<Long> seen = new ArrayList<>();
    List<long[]> seenKeys = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      KeysetPage page = keyset.page(cursor, 15);
      cursor = null;
      try (Connection c = dataSource.getConnection();
           PreparedStatement ps = c.prepareStatement(page.sql("SELECT score, id FROM " + TABLE))) {
        page.bind(ps, 1);
        try (ResultSet rs = ps.executeQuery()) {
          int rows = 0;
          while (rs.next()) {
            rows++;
            seen.add(rs.getLong("id"));
            seenKeys.add(new long[] {rs.getInt("score"), rs.getLong("id")});
            if (rows == page.pageSize()) {
              cursor = keyset.cursorAfter(rs);
            }
          }
        }
      }
      pages++;
      insertConcurrently(pages);
    } while (cursor != null);

    assertThat(seen).doesNotHaveDuplicates().containsAll(before);
    for (int i = 1; i < seenKeys.size(); i++) {
      long[] previous = seenKeys.get(i - 1);
      long[] current = seenKeys.get(i);
      assertThat(previous[0] < current[0] || (previous[0] == current[0] && previous[1] < current[1]))
          .as("rows come in key order").isTrue();
    }
  }

  /** Another thread inserts rows before and after the cursor; the latch proves it finished. */
  private static void insertConcurrently(int round) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO " + TABLE + " (score) VALUES (0), (" + (10 + round % 7) + "), (99)");
        done.countDown();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    writer.start();
    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    writer.join();
  }
}
