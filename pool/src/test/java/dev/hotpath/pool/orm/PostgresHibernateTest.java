package dev.hotpath.pool.orm;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.pool.HotpathDataSource;
import dev.hotpath.pool.PostgresDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

/** {@link HibernateContract} on the real PostgreSQL, in a schema of its own per test. */
class PostgresHibernateTest extends HibernateContract {

  private final String schema = PostgresDatabase.uniqueName("orm");

  @Override
  HikariConfig hikari() {
    return PostgresDatabase.hikari(4);
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
