package dev.hotpath.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.hotpath.core.UnitOfWork;
import dev.hotpath.core.testing.PostgresEndpoint;
import dev.hotpath.core.testing.TestServices;
import dev.hotpath.metrics.LatencyRegistry;
import dev.hotpath.metrics.MetricId;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.NPlusOneDetectedException;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

@ExtendWith(OutputCaptureExtension.class)
class HotpathPoolAutoConfigurationTest {

  @Test
  void wrapsBootsHikariPoolAndKeepsItsSettingsAndMetrics() {
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "spring.datasource.url=jdbc:h2:mem:wraps;DB_CLOSE_DELAY=-1",
        "spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.pool-name=boot-pool")) {
      checkWrapped(context, 3, "boot-pool");
    }
  }

  @Test
  void wrapsThePostgresPoolToo() {
    PostgresEndpoint postgres = TestServices.postgres();
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "spring.datasource.url=" + postgres.jdbcUrl(),
        "spring.datasource.username=" + postgres.user(),
        "spring.datasource.password=" + postgres.password(),
        "spring.datasource.hikari.maximum-pool-size=2",
        "spring.datasource.hikari.pool-name=pg-pool")) {
      checkWrapped(context, 2, "pg-pool");
    }
  }

  private static void checkWrapped(ConfigurableApplicationContext context, int maxPool,
      String poolName) {
    DataSource dataSource = context.getBean(DataSource.class);
    assertThat(dataSource).isInstanceOf(HotpathDataSource.class);
    assertThat(((HotpathDataSource) dataSource).name()).isEqualTo("main");
    HikariDataSource hikari = unwrap(dataSource);
    assertThat(hikari.getMaximumPoolSize()).as("spring.datasource.hikari.*").isEqualTo(maxPool);

    new JdbcTemplate(dataSource).queryForObject("SELECT 1", Integer.class);
    LatencyRegistry registry = context.getBean(LatencyRegistry.class);
    assertThat(registry.series().keySet()).anyMatch(statementOf("main"));

    MeterRegistry meters = context.getBean(MeterRegistry.class);
    assertThat(meters.find("hikaricp.connections.max").tag("pool", poolName).gauge())
        .as("Boot's own HikariCP metrics").isNotNull();
  }

  @Test
  void namedPoolsFromPropertiesAreEachWrappedAndNamed() throws Exception {
    PostgresEndpoint postgres = TestServices.postgres();
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "spring.datasource.url=jdbc:h2:mem:mainpool;DB_CLOSE_DELAY=-1",
        "hotpath.pool.pools.read.url=" + postgres.jdbcUrl(),
        "hotpath.pool.pools.read.username=" + postgres.user(),
        "hotpath.pool.pools.read.password=" + postgres.password(),
        "hotpath.pool.pools.read.hikari.maximum-pool-size=2",
        "hotpath.pool.pools.analytics.url=jdbc:h2:mem:analytics;DB_CLOSE_DELAY=-1")) {
      HotpathDataSource main = (HotpathDataSource) context.getBean(DataSource.class);
      assertThat(main.name()).as("the unqualified DataSource is still Boot's").isEqualTo("main");

      Pools pools = context.getAutowireCapableBeanFactory().createBean(Pools.class);
      assertThat(((HotpathDataSource) pools.read).name()).isEqualTo("read");
      assertThat(unwrap(pools.read).getMaximumPoolSize()).isEqualTo(2);
      assertThat(unwrap(pools.read).getPoolName()).isEqualTo("read");
      assertThat(new JdbcTemplate(pools.read).queryForObject("SELECT current_database()", String.class))
          .isNotBlank();
      assertThat(((HotpathDataSource) pools.analytics).name()).isEqualTo("analytics");
      new JdbcTemplate(pools.analytics).queryForObject("SELECT 1", Integer.class);

      assertThat(context.getBean(LatencyRegistry.class).series().keySet())
          .anyMatch(statementOf("read"))
          .anyMatch(statementOf("analytics"));
      assertThat(context.getBean(dev.hotpath.core.HealthRegistry.class).check().components())
          .containsKeys("pool-main", "pool-read", "pool-analytics");
    }
  }

  /** A statement series of the pool, whatever its fingerprint. */
  private static Predicate<MetricId> statementOf(String pool) {
    return id -> id.name().equals("hotpath.pool.statement")
        && id.tagValue("pool").equals(Optional.of(pool));
  }

  /** Injects named pools by qualifier, as application code does. */
  static class Pools {
    final DataSource read;
    final DataSource analytics;

    Pools(@org.springframework.beans.factory.annotation.Qualifier("read") DataSource read,
        @org.springframework.beans.factory.annotation.Qualifier("analytics") DataSource analytics) {
      this.read = read;
      this.analytics = analytics;
    }
  }

  @Test
  void nPlusOnePolicyAndThresholdComeFromProperties() {
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "spring.datasource.url=jdbc:h2:mem:nplusone;DB_CLOSE_DELAY=-1",
        "hotpath.pool.n-plus-one.policy=throw", "hotpath.pool.n-plus-one.threshold=2")) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      try (UnitOfWork ignored = UnitOfWork.begin("GET /albums")) {
        jdbc.queryForObject("SELECT ? + 0", Integer.class, 1);
        jdbc.queryForObject("SELECT ? + 0", Integer.class, 2);
        assertThatThrownBy(() -> jdbc.queryForObject("SELECT ? + 0", Integer.class, 3))
            .isInstanceOf(NPlusOneDetectedException.class);
      }
    }
  }

  @Test
  void slowQueryThresholdComesFromProperties(CapturedOutput output) {
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "spring.datasource.url=jdbc:h2:mem:slow;DB_CLOSE_DELAY=-1",
        "hotpath.pool.slow-query-threshold=20ms")) {
      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      jdbc.execute("CREATE ALIAS PAUSE FOR \"java.lang.Thread.sleep\"");
      jdbc.execute("CALL PAUSE(50)");
      // 50 ms is far below the default threshold of 1 s: only the property makes it slow.
      // The fingerprint keeps the statement's text apart from its literals; H2 may fold case.
      assertThat(output.getAll()).contains("slow query on main").containsIgnoringCase("CALL PAUSE(?)");
    }
  }

  @Test
  void disabledLeavesTheDataSourceAlone() {
    try (ConfigurableApplicationContext context = Apps.start(PoolApp.class,
        "spring.datasource.url=jdbc:h2:mem:disabled", "hotpath.pool.enabled=false")) {
      assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
    }
  }

  @Test
  void backsOffWhenTheApplicationDefinesAHotpathDataSource() {
    try (ConfigurableApplicationContext context = Apps.start(OwnPoolApp.class)) {
      assertThat(context.getBeansOfType(DataSource.class)).hasSize(1);
      HotpathDataSource own = context.getBean(HotpathDataSource.class);
      assertThat(own.name()).isEqualTo("own");
      assertThat(unwrap(own)).isNotInstanceOf(HotpathDataSource.class);
    }
  }

  private static HikariDataSource unwrap(DataSource dataSource) {
    try {
      return dataSource.unwrap(HikariDataSource.class);
    } catch (java.sql.SQLException e) {
      throw new AssertionError(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPool {
    @Bean(destroyMethod = "close")
    HotpathDataSource ownDataSource() {
      HikariDataSource hikari = new HikariDataSource();
      hikari.setJdbcUrl("jdbc:h2:mem:own");
      return HotpathDataSource.builder().name("own").dataSource(hikari).build();
    }
  }

  @org.springframework.boot.SpringBootConfiguration
  @org.springframework.boot.autoconfigure.EnableAutoConfiguration
  @org.springframework.context.annotation.Import(OwnPool.class)
  static class OwnPoolApp {}
}
