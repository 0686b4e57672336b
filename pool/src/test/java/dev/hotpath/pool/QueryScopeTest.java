package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hotpath.core.UnitOfWork;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryScopeTest {

  private static HotpathDataSource dataSource;

  @BeforeAll
  static void start() throws SQLException {
    dataSource = HotpathDataSource.builder().hikari(H2Database.hikari())
        .nPlusOne(NPlusOnePolicy.OFF, 1).build();
    run("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
  }

  @AfterAll
  static void stop() {
    dataSource.close();
  }

  private static void run(String... statements) throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Test
  void countsStatementsByKind() throws SQLException {
    try (QueryScope scope = QueryScope.open()) {
      run("INSERT INTO item VALUES (1, 'a')", "UPDATE item SET name = 'b' WHERE id = 1",
          "SELECT * FROM item", "SELECT * FROM item WHERE id = 1", "DELETE FROM item WHERE id = 1",
          "CREATE TABLE IF NOT EXISTS other (id INT)");
      scope.assertInsertCount(1);
      scope.assertUpdateCount(1);
      scope.assertSelectCount(2);
      scope.assertDeleteCount(1);
      scope.assertCount(QueryKind.OTHER, 1);
      scope.assertTotalCount(6);
      assertThat(scope.statements()).extracting(SqlFingerprint::text)
          .startsWith("INSERT INTO item VALUES (?, ?)+");
    }
  }

  @Test
  void failureListsTheStatementsSeen() throws SQLException {
    try (QueryScope scope = QueryScope.open()) {
      run("SELECT * FROM item WHERE id = 7", "SELECT name FROM item WHERE id IN (1, 2, 3)");
      assertThatThrownBy(() -> scope.assertSelectCount(1))
          .isInstanceOf(AssertionError.class)
          .hasMessage("expected 1 SELECT statement(s) but 2 ran; statements seen:\n"
              + "  1. SELECT: SELECT * FROM item WHERE id = ?\n"
              + "  2. SELECT: SELECT name FROM item WHERE id IN (?+)");
    }
  }

  @Test
  void failureSaysWhenNothingRan() {
    try (QueryScope scope = QueryScope.open()) {
      assertThatThrownBy(() -> scope.assertTotalCount(1))
          .hasMessage("expected 1 statement(s) but 0 ran; statements seen: none");
    }
  }

  @Test
  void nestedScopesCountInEveryOpenScope() throws SQLException {
    try (QueryScope outer = QueryScope.open()) {
      run("SELECT 1");
      try (QueryScope inner = QueryScope.open()) {
        run("SELECT 2");
        inner.assertSelectCount(1);
      }
      run("SELECT 3");
      outer.assertSelectCount(3);
    }
  }

  @Test
  void closedScopesStopCountingAndCloseIsIdempotent() throws SQLException {
    QueryScope scope = QueryScope.open();
    run("SELECT 1");
    scope.close();
    scope.close();
    run("SELECT 2");
    scope.assertSelectCount(1);
  }

  @Test
  void statementsOnOtherThreadsAreNotCounted() throws Exception {
    try (QueryScope scope = QueryScope.open()) {
      Thread other = new Thread(() -> {
        try {
          run("SELECT 1");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      other.start();
      other.join();
      scope.assertTotalCount(0);
    }
  }

  // Statements skip the scope's thread-local while no thread has a scope open; another thread's
  // scopes opening and closing (nested, and closed outer first) must not make this thread's open
  // scope stop counting.
  @Test
  void aScopeKeepsCountingWhileOtherThreadsOpenAndCloseTheirs() throws Exception {
    try (QueryScope mine = QueryScope.open()) {
      run("SELECT * FROM item WHERE id = 1");
      Thread other = new Thread(() -> {
        QueryScope outer = QueryScope.open();
        QueryScope inner = QueryScope.open();
        outer.close();
        inner.close();
        try (QueryScope again = QueryScope.open()) {
          again.assertTotalCount(0);
        }
      });
      other.start();
      other.join();
      run("SELECT * FROM item WHERE id = 2");
      mine.assertSelectCount(2);
    }
    try (QueryScope after = QueryScope.open()) {
      run("SELECT * FROM item WHERE id = 3");
      after.assertSelectCount(1);
    }
  }

  // A scope is a local unit of work in the thread's chain: a request begun inside it and carried
  // to another thread by UnitOfWork.wrap takes the request along, never the scope.
  @Test
  void aRequestCarriedToAnotherThreadDoesNotCarryTheScopeItWasBegunIn() throws Exception {
    try (QueryScope scope = QueryScope.open();
         UnitOfWork request = UnitOfWork.begin("GET /items")) {
      Thread other = new Thread(UnitOfWork.wrap(() -> {
        try {
          run("SELECT * FROM item WHERE id = 1");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }));
      other.start();
      other.join();
      scope.assertTotalCount(0);
      run("SELECT * FROM item WHERE id = 2");
      scope.assertSelectCount(1);
      assertThat(request.isClosed()).isFalse();
    }
  }
}
