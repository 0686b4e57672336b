package dev.hotpath.pool.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOnePolicy;
import dev.hotpath.pool.NPlusOneReport;
import dev.hotpath.pool.QueryScope;
import dev.hotpath.pool.RecordingListener;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.support.TransactionTemplate;

/** Spring's {@link JdbcTemplate} and transaction manager on {@link HotpathDataSource} (H2). */
class JdbcTemplateTest {

  private final RecordingListener recorded = new RecordingListener();
  private final List<NPlusOneReport> reports = recorded.reports;
  private HotpathDataSource dataSource;
  private JdbcTemplate jdbc;

  @BeforeEach
  void start() {
    open(UnaryOperator.identity());
  }

  /** A data source on a fresh database, configured by {@code options}, with an empty table. */
  private void open(UnaryOperator<HotpathDataSource.Builder> options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:spring" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    dataSource = options.apply(HotpathDataSource.builder().name("spring").hikari(config))
        .nPlusOne(NPlusOnePolicy.LOG, 3)
        .listener(recorded)
        .build();
    jdbc = new JdbcTemplate(dataSource);
    jdbc.execute("CREATE TABLE item (id BIGINT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) UNIQUE,"
        + " owner_id INT)");
  }

  @AfterEach
  void stop() {
    dataSource.close();
  }

  @Test
  void queriesUpdatesBatchesAndGeneratedKeysWork() {
    KeyHolder keys = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement ps = connection.prepareStatement(
          "INSERT INTO item (name, owner_id) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS);
      ps.setString(1, "first");
      ps.setInt(2, 1);
      return ps;
    }, keys);
    assertThat(keys.getKey()).isNotNull();

    int[][] counts = jdbc.batchUpdate("INSERT INTO item (name, owner_id) VALUES (?, ?)",
        List.of("b", "c", "d"), 2, (ps, name) -> {
          ps.setString(1, name);
          ps.setInt(2, 2);
        });
    assertThat(counts).hasNumberOfRows(2);
    assertThat(jdbc.queryForList("SELECT name FROM item WHERE owner_id = ? ORDER BY name",
        String.class, 2)).containsExactly("b", "c", "d");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM item", Long.class)).isEqualTo(4);
    // Spring translates the driver's exception exactly as without the wrapper.
    assertThatThrownBy(() -> jdbc.update("INSERT INTO item (name) VALUES ('first')"))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(dataSource.instrumentationFailures()).isZero();
  }

  @Test
  void transactionTemplateRollsBackThroughTheWrapper() {
    TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    assertThatThrownBy(() -> tx.executeWithoutResult(status -> {
      jdbc.update("INSERT INTO item (name, owner_id) VALUES (?, ?)", "gone", 9);
      throw new IllegalStateException("roll back");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM item", Long.class)).isZero();
  }

  @Test
  void longStatementsRunAsOnTheRawDriver() {
    String columns = String.join(", ", java.util.Collections.nCopies(40, "name"));
    String sql = "SELECT " + columns + " FROM item WHERE owner_id = ?";
    assertThat(sql.length()).isGreaterThan(250);
    jdbc.update("INSERT INTO item (name, owner_id) VALUES ('x', 5)");
    assertThat(jdbc.queryForList(sql, 5)).hasSize(1);
  }

  @Test
  void nPlusOneIsAttributedToTheCallerOfJdbcTemplate() {
    for (int owner = 1; owner <= 5; owner++) {
      jdbc.update("INSERT INTO item (name, owner_id) VALUES (?, ?)", "item" + owner, owner);
    }
    try (QueryScope scope = QueryScope.open()) {
      assertThat(loadNamesOneByOne(5)).hasSize(5);
    }
    assertThat(reports).singleElement().satisfies(report -> {
      assertThat(report.fingerprint().text()).isEqualTo("SELECT name FROM item WHERE owner_id = ?");
      assertThat(report.callSite().getClassName()).isEqualTo(JdbcTemplateTest.class.getName());
      assertThat(report.callSite().getMethodName()).isEqualTo("loadNamesOneByOne");
    });
  }

  private List<String> loadNamesOneByOne(int owners) {
    List<String> names = new java.util.ArrayList<>();
    for (int owner = 1; owner <= owners; owner++) {
      names.add(jdbc.queryForObject("SELECT name FROM item WHERE owner_id = ?", String.class, owner));
    }
    return names;
  }

  @Test
  void framesOfConfiguredPackagesAreSkippedToo() {
    restart(builder -> builder.skipCallSiteFrames("dev.hotpath.pool.spring.JdbcTemplateTest"));
    // This class skipped as well, the first frame left is JUnit's, which invoked the test.
    assertThat(reports).singleElement().satisfies(report ->
        assertThat(report.callSite().getClassName()).startsWith("org.junit."));
  }

  @Test
  void frameworkFramesCanBeKeptInTheCallSite() {
    restart(builder -> builder.skipFrameworkFrames(false));
    assertThat(reports).singleElement().satisfies(report -> assertThat(
        report.callSite().getClassName()).isEqualTo(JdbcTemplate.class.getName()));
  }

  /** A data source configured by {@code options}, with the N+1 of five owners run on it. */
  private void restart(UnaryOperator<HotpathDataSource.Builder> options) {
    dataSource.close();
    open(options);
    for (int owner = 1; owner <= 5; owner++) {
      jdbc.update("INSERT INTO item (name, owner_id) VALUES (?, ?)", "item" + owner, owner);
    }
    try (QueryScope scope = QueryScope.open()) {
      loadNamesOneByOne(5);
    }
  }
}
