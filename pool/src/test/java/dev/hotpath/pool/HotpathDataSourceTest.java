package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.core.Health;
import dev.hotpath.core.HealthStatus;
import dev.hotpath.core.testing.StandardError;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class HotpathDataSourceTest {

  private static final String SECRET = "hunter2-secret";

  @Test
  void latencyIsRecordedPerFingerprintAndAcquireTimeSeparately() throws SQLException {
    LatencyRegistry registry = LatencyRegistry.create();
    try (HotpathDataSource db = HotpathDataSource.builder().name("reads").hikari(H2Database.hikari())
        .metrics(registry).build()) {
      assertThat(db.metrics()).isSameAs(registry);
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        s.executeQuery("SELECT 1").close();
        s.executeQuery("SELECT 2").close();
        s.executeQuery("SELECT 'x'").close();
      }
      MetricId select = MetricId.of("hotpath.pool.statement", "pool", "reads")
          .tag("fingerprint", "SELECT ?");
      assertThat(registry.series())
          .containsKeys(select, MetricId.of("hotpath.pool.acquire", "pool", "reads"))
          .doesNotContainKey(select.tag("fingerprint", "SELECT 1"));
      assertThat(registry.series().get(select).snapshot().count()).isEqualTo(3);
    }
  }

  @Test
  void longFingerprintsAreTaggedInBoundedFormWhileEventsKeepTheFullText() throws SQLException {
    LatencyRegistry registry = LatencyRegistry.create();
    java.util.List<QueryEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    String sql = "SELECT " + "1 AS a_long_column_name, ".repeat(20) + "'secret' AS s";
    try (HotpathDataSource db = HotpathDataSource.builder().name("long").hikari(H2Database.hikari())
        .metrics(registry).listener(events::add).build();
         Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery(sql).close();
      assertThat(db.instrumentationFailures()).isZero();
    }
    String fingerprint = SqlFingerprint.of(sql).text();
    assertThat(events).singleElement().satisfies(event ->
        assertThat(event.fingerprint().text()).isEqualTo(fingerprint).hasSizeGreaterThan(400));
    MetricId id = MetricId.of("hotpath.pool.statement", "pool", "long")
        .tag("fingerprint", dev.hotpath.metrics.TagValues.bounded(fingerprint));
    assertThat(registry.series()).containsKey(id);
    assertThat(id.tagValue("fingerprint").orElseThrow()).hasSize(200)
        .startsWith("SELECT ? AS a_long_column_name").doesNotContain("secret");
  }

  @Test
  void statementSeriesAreBoundedByTheRegistryCap() throws SQLException {
    LatencyRegistry registry = LatencyRegistry.builder().maxSeriesPerName(5).build();
    try (HotpathDataSource db = HotpathDataSource.builder().hikari(H2Database.hikari())
        .metrics(registry).build();
         Connection c = db.getConnection(); Statement s = c.createStatement()) {
      for (int i = 0; i < 20; i++) {
        s.executeQuery("SELECT " + i + " AS c" + i).close();
      }
    }
    // Five shapes of their own, the overflow series, and the acquire series.
    assertThat(registry.series()).hasSize(7)
        .containsKey(MetricId.of("hotpath.pool.statement", "pool", "other").tag("fingerprint", "other"));
    assertThat(registry.refusedNames()).isPositive();
  }

  @Test
  void slowQueriesAreLoggedWithoutParameterValues() throws SQLException {
    String log = StandardError.capture(() -> runWithParameter(false));
    assertThat(log).contains("slow query on slow:").contains("UPDATE secrets SET v = ? WHERE id = ?")
        .doesNotContain(SECRET);
  }

  @Test
  void parameterValuesAreLoggedOnlyWhenEnabled() throws SQLException {
    String log = StandardError.capture(() -> runWithParameter(true));
    assertThat(log).contains("parameters [" + SECRET + ", 1]");
  }

  private static void runWithParameter(boolean logValues) {
    try (HotpathDataSource db = HotpathDataSource.builder().name("slow").hikari(H2Database.hikari())
        .slowQueryThreshold(Duration.ofNanos(1)).logParameterValues(logValues).build();
         Connection c = db.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE secrets (id INT PRIMARY KEY, v VARCHAR(50))");
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE secrets SET v = ? WHERE id = ?")) {
        ps.setString(1, SECRET);
        ps.setInt(2, 1);
        ps.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFailingListenerNeverReachesTheCallerNorStopsTheOthers() throws SQLException {
    List<QueryEvent> seen = new CopyOnWriteArrayList<>();
    try (HotpathDataSource db = HotpathDataSource.builder().hikari(H2Database.hikari())
        .listener(event -> {
          throw new IllegalStateException("listener bug");
        })
        .listener(seen::add).build();
         Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1").close();
      s.executeQuery("SELECT 1").close();
    }
    assertThat(seen).hasSize(2);
  }

  @Test
  void wrapsAnyDataSourceAndLeavesItOpen() throws SQLException {
    HikariConfig config = H2Database.hikari();
    try (HikariDataSource hikari = new HikariDataSource(config)) {
      HotpathDataSource db = HotpathDataSource.builder().dataSource(hikari).build();
      try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
        assertThat(s.execute("SELECT 1")).isTrue();
      }
      assertThat(db.unwrap(HikariDataSource.class)).isSameAs(hikari);
      assertThat(db.isWrapperFor(HikariDataSource.class)).isTrue();
      db.close();
      assertThat(hikari.isClosed()).isFalse();
      assertThat(db.poolStats()).isPresent();
    }
  }

  @Test
  void closingClosesTheOwnedPool() throws SQLException {
    HotpathDataSource db = HotpathDataSource.builder().hikari(H2Database.hikari()).build();
    HikariDataSource hikari = db.unwrap(HikariDataSource.class);
    db.close();
    assertThat(hikari.isClosed()).isTrue();
    assertThat(db.poolStats()).isEmpty();
  }

  @Test
  void healthIsDegradedWhileMoreThreadsWaitThanAllowed() throws Exception {
    HikariConfig config = H2Database.hikari();
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(10_000);
    try (HotpathDataSource db = HotpathDataSource.builder().name("tiny").hikari(config).build()) {
      Health idle = db.healthCheck(0).check();
      assertThat(idle.status()).isEqualTo(HealthStatus.UP);
      assertThat(idle.details()).containsEntry("pending", 0).containsKey("acquireP99Millis");
      CountDownLatch waiterGotIt = new CountDownLatch(1);
      Thread waiter;
      try (Connection held = db.getConnection()) {
        waiter = new Thread(() -> {
          try (Connection c = db.getConnection()) {
            waiterGotIt.countDown();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
        waiter.start();
        await().atMost(Duration.ofSeconds(5))
            .until(() -> db.poolStats().orElseThrow().pending() == 1);
        Health busy = db.healthCheck(0).check();
        assertThat(busy.status()).isEqualTo(HealthStatus.DEGRADED);
        assertThat(busy.message()).contains("1 threads wait for a connection, more than 0");
        assertThat(db.healthCheck(1).check().status()).isEqualTo(HealthStatus.UP);
        assertThat(db.poolStats().orElseThrow().active()).isEqualTo(1);
      }
      waiter.join();
      assertThat(waiterGotIt.getCount()).isZero();
    }
  }

  @Test
  void healthIsDownWhenClosed() throws Exception {
    HotpathDataSource db = HotpathDataSource.builder().name("gone").hikari(H2Database.hikari()).build();
    db.close();
    assertThat(db.healthCheck(0).check().status()).isEqualTo(HealthStatus.DOWN);
  }

  @Test
  void builderRejectsBadInputNamingTheValueAndRule() {
    HotpathDataSource.Builder builder = HotpathDataSource.builder();
    assertThatThrownBy(() -> builder.name("bad name!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("name must be 1 to 64 letters, digits, '.', '_' or '-', was 'bad name!'");
    assertThatThrownBy(() -> builder.slowQueryThreshold(Duration.ofSeconds(-1)))
        .hasMessage("slowQueryThreshold must be positive, was PT-1S");
    assertThatThrownBy(() -> builder.slowQueryThreshold(Duration.ZERO))
        .hasMessage("slowQueryThreshold must be positive, was PT0S");
    assertThatThrownBy(() -> builder.nPlusOne(NPlusOnePolicy.LOG, 0))
        .hasMessage("nPlusOne threshold must be at least 1, was 0");
    assertThatThrownBy(() -> builder.maxFingerprints(0))
        .hasMessage("maxFingerprints must be at least 1, was 0");
    assertThatThrownBy(() -> builder.listener(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("set hikari(config) or dataSource(dataSource) before build()");
    builder.hikari(H2Database.hikari());
    assertThatThrownBy(() -> builder.hikari(H2Database.hikari()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the data source was already set");
  }
}
