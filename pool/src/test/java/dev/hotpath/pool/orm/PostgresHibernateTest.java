package dev.hotpath.pool.orm;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.core.testing.PostgresEndpoint;
import dev.hotpath.core.testing.TestServices;
import dev.hotpath.pool.HotpathDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/** {@link HibernateContract} on the real PostgreSQL, in a schema of its own per test. */
class PostgresHibernateTest extends HibernateContract {

  private final String schema = "orm_" + UUID.randomUUID().toString().replace("-", "");

  @Override
  HikariConfig hikari() {
    PostgresEndpoint postgres = TestServices.postgres();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.jdbcUrl());
    config.setUsername(postgres.user());
    config.setPassword(postgres.password());
    config.setMaximumPoolSize(4);
    return config;
  }

  @Override
  Map<String, Object> extraSettings() {
    return Map.of("hibernate.default_schema", schema,
        "hibernate.hbm2ddl.create_namespaces", true);
  }

  @Override
  void dropNamespace(HotpathDataSource dataSource) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
