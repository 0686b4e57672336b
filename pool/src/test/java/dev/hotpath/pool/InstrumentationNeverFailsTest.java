package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.core.testing.StandardError;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invariant 9 for the pool: whatever SQL the driver accepts runs through the wrapper exactly as
 * on the raw driver, and a fault inside hotpath's own bookkeeping is contained and counted.
 */
class InstrumentationNeverFailsTest {

  private HikariDataSource raw;
  private final List<PreparedStatement> driverStatements = new ArrayList<>();

  @BeforeEach
  void start() throws SQLException {
    raw = new HikariDataSource(H2Database.hikari());
    try (Connection c = raw.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"odd\ttable\" (id INT PRIMARY KEY, \"a\tb\" VARCHAR(20))");
      s.execute("INSERT INTO \"odd\ttable\" VALUES (1, 'x')");
    }
  }

  @AfterEach
  void stop() {
    raw.close();
  }

  /** The raw pool, remembering every prepared statement the driver handed out. */
  private DataSource tracking() {
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = invoke(raw, method, args);
          if (result instanceof Connection connection) {
            return Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, a) -> {
                  Object made = invoke(connection, m, a);
                  if (made instanceof PreparedStatement statement) {
                    driverStatements.add(statement);
                  }
                  return made;
                });
          }
          return result;
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Test
  void statementsOfAnyLengthAndCharactersRunAsOnTheRawDriver() throws SQLException {
    String longSelect = "SELECT id, " + "\"a\tb\", ".repeat(60) + "id FROM \"odd\ttable\" WHERE id = ?";
    List<String> statements = List.of(longSelect, "SELECT \"a\tb\" FROM \"odd\ttable\" WHERE id = ?",
        "SELECT '" + "\u0000\u0007".repeat(5) + "' AS c FROM \"odd\ttable\" WHERE id = ?");
    try (HotpathDataSource db = HotpathDataSource.builder().name("odd").dataSource(tracking())
        .build()) {
      for (String sql : statements) {
        assertThat(firstColumn(db, sql)).isEqualTo(firstColumn(raw, sql));
      }
      assertThat(db.instrumentationFailures()).isZero();
    }
    assertThat(driverStatements).hasSize(statements.size())
        .allSatisfy(statement -> assertThat(statement.isClosed()).isTrue());
  }

  private static String firstColumn(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void aThrowingListenerIsContainedCountedAndLoggedOnce() {
    String log = StandardError.capture(() -> {
      try (HotpathDataSource db = HotpathDataSource.builder().name("odd").hikari(H2Database.hikari())
          .listener(event -> {
            throw new IllegalStateException("listener bug");
          }).build()) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
          assertThat(s.execute("SELECT 'hunter2'")).isTrue();
          assertThat(s.executeUpdate("CREATE TABLE t (id INT)")).isZero();
        }
        assertThat(db.instrumentationFailures()).isEqualTo(2);
      } catch (SQLException e) {
        throw new AssertionError(e);
      }
    });
    // Core's Listeners policy writes the line: "listener <it> of pool 'odd' threw; ...".
    assertThat(log.split("of pool 'odd' threw", -1)).as(log).hasSize(2);
    assertThat(log).doesNotContain("hunter2");
  }
}
