package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Invariant 4 against a real database: the wrappers change no JDBC semantics. Each subclass runs
 * it against one database, on a table of its own.
 */
abstract class JdbcTransparencyContract {

  /** The data source under test, over the subclass's database. */
  abstract HotpathDataSource dataSource();

  /** A table name unique to the test class (the database may be shared). */
  abstract String table();

  /** The driver's own connection class. */
  abstract Class<? extends Connection> driverConnection();

  /** SQL that creates {@link #table()} with an identity id and a text column named name. */
  abstract String createTable();

  /** Subclasses register {@code EVENTS::add} as a listener. */
  static final List<QueryEvent> EVENTS = new CopyOnWriteArrayList<>();
  private final List<QueryEvent> events = EVENTS;

  @BeforeEach
  void freshTable() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + table());
      s.execute(createTable());
    }
    events.clear();
  }

  @Test
  void unwrapReachesTheDriverObjects() throws SQLException {
    try (Connection c = dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT 1");
         ResultSet rs = ps.executeQuery()) {
      assertThat(c.isWrapperFor(driverConnection())).isTrue();
      assertThat(c.unwrap(driverConnection())).isInstanceOf(driverConnection());
      Connection real = c.unwrap(driverConnection());
      assertThat(real.getClass().getName()).doesNotStartWith("dev.hotpath");
      assertThat(ps.unwrap(PreparedStatement.class).getClass().getName())
          .doesNotStartWith("dev.hotpath");
      assertThat(rs.unwrap(ResultSet.class).getClass().getName()).doesNotStartWith("dev.hotpath");
      assertThat(c.isWrapperFor(String.class)).isFalse();
      assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void statementsAndResultSetsPointBackAtTheWrappers() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThat(s.getConnection()).isSameAs(c);
      try (ResultSet rs = s.executeQuery("SELECT 1")) {
        assertThat(rs.getStatement()).isSameAs(s);
      }
      assertThat(s.execute("SELECT 2")).isTrue();
      try (ResultSet rs = s.getResultSet()) {
        assertThat(rs.getStatement()).isSameAs(s);
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void metaDataPointsBackAtTheWrapperAndDelegatesTheRest() throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      java.sql.DatabaseMetaData metaData = c.getMetaData();
      assertThat(metaData.getConnection()).isSameAs(c);
      assertThat(metaData.getDatabaseProductName())
          .isEqualTo(c.unwrap(driverConnection()).getMetaData().getDatabaseProductName());
      assertThat(metaData.unwrap(java.sql.DatabaseMetaData.class).getClass().getName())
          .doesNotStartWith("dev.hotpath");
    }
  }

  @Test
  void metaDataResultSetsPointBackAtTheWrappers() throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      java.sql.DatabaseMetaData metaData = c.getMetaData();
      List<ResultSet> resultSets = List.of(
          metaData.getTables(null, null, "%", null),
          metaData.getColumns(null, null, "%", "%"),
          metaData.getTypeInfo(),
          metaData.getSchemas(),
          metaData.getPrimaryKeys(null, null, table()));
      for (ResultSet rs : resultSets) {
        try (rs) {
          Statement statement = rs.getStatement();
          // A driver may give no statement for metadata; when it gives one, it is the wrapper's.
          if (statement != null) {
            assertThat(statement.getClass().getName()).startsWith("dev.hotpath.pool.");
            assertThat(statement.getConnection()).isSameAs(c);
            assertThat(rs.getStatement()).isSameAs(statement);
          }
          assertThat(rs.getClass().getName()).startsWith("dev.hotpath.pool.");
          assertThat(rs.unwrap(ResultSet.class)).isNotNull();
        }
      }
    }
  }

  @Test
  void closingAConnectionClosesItsStatementsAndResultSets() throws SQLException {
    Connection c = dataSource().getConnection();
    Statement s = c.createStatement();
    PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table());
    ResultSet rs = ps.executeQuery();
    c.close();
    assertThat(c.isClosed()).isTrue();
    assertThat(s.isClosed()).isTrue();
    assertThat(ps.isClosed()).isTrue();
    assertThat(rs.isClosed()).isTrue();
    assertThatThrownBy(() -> ps.executeQuery()).isInstanceOf(SQLException.class);
  }

  @Test
  void closingAStatementClosesItsResultSet() throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("SELECT 1");
      s.close();
      assertThat(rs.isClosed()).isTrue();
    }
  }

  @Test
  void preparedBatchesWithGeneratedKeysWork() throws SQLException {
    try (Connection c = dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement(
             "INSERT INTO " + table() + " (name) VALUES (?)", new String[] {"id"})) {
      for (String name : List.of("a", "b", "c")) {
        ps.setString(1, name);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).containsExactly(1, 1, 1);
      List<Long> ids = new ArrayList<>();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        while (keys.next()) {
          ids.add(keys.getLong(1));
        }
        assertThat(keys.getStatement()).isSameAs(ps);
      }
      assertThat(ids).hasSize(3).doesNotHaveDuplicates();
    }
    assertThat(events).last().satisfies(e -> {
      assertThat(e.kind()).isEqualTo(QueryKind.INSERT);
      assertThat(e.rows()).isEqualTo(3);
      assertThat(e.fingerprint().text()).isEqualTo("INSERT INTO " + table() + " (name) VALUES (?)+");
    });
  }

  @Test
  void statementBatchesWork() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      s.addBatch("INSERT INTO " + table() + " (name) VALUES ('x')");
      s.addBatch("INSERT INTO " + table() + " (name) VALUES ('y')");
      assertThat(s.executeBatch()).containsExactly(1, 1);
      s.clearBatch();
      assertThat(s.executeBatch()).isEmpty();
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table())) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
      }
    }
  }

  @Test
  void executeUpdateReturnsTheCountAndTransactionsRollBack() throws SQLException {
    try (Connection c = dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table() + " (name) VALUES (?)")) {
        ps.setString(1, "gone");
        assertThat(ps.executeUpdate()).isEqualTo(1);
      }
      c.rollback();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table())) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void driverErrorsPassThroughUnchangedAndAreReported() throws SQLException {
    try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeQuery("SELECT * FROM no_such_table_" + table()))
          .isInstanceOf(SQLException.class);
    }
    assertThat(events).last().satisfies(e -> {
      assertThat(e.succeeded()).isFalse();
      assertThat(e.failure()).isInstanceOf(SQLException.class);
    });
  }

  @Test
  void everyStatementIsReportedWithItsShape() throws SQLException {
    try (Connection c = dataSource().getConnection();
         PreparedStatement ps = c.prepareStatement("SELECT name FROM " + table() + " WHERE id = ?")) {
      ps.setLong(1, 424242L);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isFalse();
      }
    }
    assertThat(events).hasSize(1);
    QueryEvent event = events.get(0);
    assertThat(event.dataSourceName()).isEqualTo(dataSource().name());
    assertThat(event.kind()).isEqualTo(QueryKind.SELECT);
    assertThat(event.fingerprint().text()).isEqualTo("SELECT name FROM " + table() + " WHERE id = ?");
    assertThat(event.rows()).isEqualTo(-1);
    assertThat(event.elapsed()).isPositive();
    assertThat(event.connectionAcquireTime().isNegative()).isFalse();
    assertThat(event.toString()).doesNotContain("424242");
  }
}
