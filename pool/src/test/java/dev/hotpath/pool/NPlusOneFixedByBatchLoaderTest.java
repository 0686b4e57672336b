package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The classic N+1 (tags loaded per photo) caught by QueryScope, then fixed with BatchLoader. */
class NPlusOneFixedByBatchLoaderTest {

  private static HotpathDataSource dataSource;

  @BeforeAll
  static void start() throws SQLException {
    dataSource = HotpathDataSource.builder().name("gallery").hikari(H2Database.hikari())
        .nPlusOne(NPlusOnePolicy.THROW, 5).build();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE photo (id INT PRIMARY KEY, title VARCHAR(50))");
      s.execute("CREATE TABLE tag (photo_id INT, label VARCHAR(20))");
      for (int i = 1; i <= 20; i++) {
        s.execute("INSERT INTO photo VALUES (" + i + ", 'p" + i + "')");
        s.execute("INSERT INTO tag VALUES (" + i + ", 'a" + i + "'), (" + i + ", 'b" + i + "')");
      }
    }
  }

  @AfterAll
  static void stop() {
    dataSource.close();
  }

  private static List<Integer> photoIds(Connection c) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM photo ORDER BY id");
         ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static Map<Integer, List<String>> tagsOneByOne() throws SQLException {
    Map<Integer, List<String>> tags = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      for (int id : photoIds(c)) {
        try (PreparedStatement ps = c.prepareStatement("SELECT label FROM tag WHERE photo_id = ?")) {
          ps.setInt(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            List<String> labels = new ArrayList<>();
            while (rs.next()) {
              labels.add(rs.getString(1));
            }
            tags.put(id, labels);
          }
        }
      }
    }
    return tags;
  }

  private static Map<Integer, List<String>> tagsByPhotoIds(Set<Integer> ids) throws SQLException {
    String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Map<Integer, List<String>> tags = new HashMap<>();
    try (Connection c = dataSource.getConnection();
         PreparedStatement ps = c.prepareStatement(
             "SELECT photo_id, label FROM tag WHERE photo_id IN (" + placeholders + ")")) {
      int index = 1;
      for (int id : ids) {
        ps.setInt(index++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tags.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
    }
    return tags;
  }

  private static Map<Integer, List<String>> tagsBatched() throws SQLException {
    BatchLoader<Integer, List<String>> loader =
        BatchLoader.<Integer, List<String>>builder(NPlusOneFixedByBatchLoaderTest::tagsByPhotoIds)
            .build();
    Map<Integer, CompletableFuture<List<String>>> pending = new LinkedHashMap<>();
    try (Connection c = dataSource.getConnection()) {
      for (int id : photoIds(c)) {
        pending.put(id, loader.load(id));
      }
    }
    loader.dispatch();
    Map<Integer, List<String>> tags = new LinkedHashMap<>();
    pending.forEach((id, future) -> tags.put(id, future.join()));
    return tags;
  }

  @Test
  void theNPlusOneVersionIsCaught() {
    try (QueryScope scope = QueryScope.open()) {
      assertThatThrownBy(NPlusOneFixedByBatchLoaderTest::tagsOneByOne)
          .isInstanceOf(NPlusOneDetectedException.class)
          .hasMessageContaining("6 x SELECT label FROM tag WHERE photo_id = ?");
    }
  }

  @Test
  void theBatchedVersionRunsTwoSelectsAndReturnsTheSameTags() throws SQLException {
    Map<Integer, List<String>> batched;
    try (QueryScope scope = QueryScope.open()) {
      batched = tagsBatched();
      scope.assertSelectCount(2);
      assertThat(scope.statements()).extracting(SqlFingerprint::text).containsExactly(
          "SELECT id FROM photo ORDER BY id",
          "SELECT photo_id, label FROM tag WHERE photo_id IN (?+)");
    }
    assertThat(batched).hasSize(20);
    assertThat(batched.get(7)).containsExactlyInAnyOrder("a7", "b7");
  }
}
