package dev.hotpath.pool;

import com.zaxxer.hikari.HikariConfig;

/** {@link FlywayContract} on H2 in memory, a database of its own per pool. */
class H2FlywayTest extends FlywayContract {

  @Override
  HikariConfig hikari() {
    return H2Database.hikari();
  }

  @Override
  String schema(String side) {
    return "FLYWAY_" + side.toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  String[] locations() {
    return new String[] {"classpath:flyway/common"};
  }

  @Override
  int migrationCount() {
    return 2;
  }
}
