package dev.hotpath.pool;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.core.testing.PostgresEndpoint;
import dev.hotpath.core.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The shared test PostgreSQL as a HikariCP configuration, and names unique to a test class. */
public final class PostgresDatabase {

  private PostgresDatabase() {}

  /** Resolves the server (skipping or failing the class as TestServices decides). */
  public static HikariConfig hikari(int maximumPoolSize) {
    PostgresEndpoint postgres = TestServices.postgres();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.jdbcUrl());
    config.setUsername(postgres.user());
    config.setPassword(postgres.password());
    config.setMaximumPoolSize(maximumPoolSize);
    return config;
  }

  /** Runs a clean-up statement (dropping what the class created), then closes the pool. */
  static void dropAndClose(HotpathDataSource dataSource, String dropSql) throws SQLException {
    if (dataSource == null) {
      return; // PostgreSQL was not found: the class was skipped before creating anything
    }
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(dropSql);
    } finally {
      dataSource.close();
    }
  }

  /** A table or schema name no other test class (or helper) uses. */
  public static String uniqueName(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
  }
}
