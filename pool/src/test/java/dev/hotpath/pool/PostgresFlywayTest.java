package dev.hotpath.pool;

import com.zaxxer.hikari.HikariConfig;

/**
 * {@link FlywayContract} on the real PostgreSQL, with a dollar-quoted function among the
 * migrations; each side migrates (and finally cleans and drops) a schema of its own.
 */
class PostgresFlywayTest extends FlywayContract {

  private final String prefix = PostgresDatabase.uniqueName("flyway");

  @Override
  HikariConfig hikari() {
    return PostgresDatabase.hikari(2);
  }

  @Override
  String schema(String side) {
    return prefix + "_" + side;
  }

  @Override
  String[] locations() {
    return new String[] {"classpath:flyway/common", "classpath:flyway/postgresql"};
  }

  @Override
  int migrationCount() {
    return 3;
  }
}
