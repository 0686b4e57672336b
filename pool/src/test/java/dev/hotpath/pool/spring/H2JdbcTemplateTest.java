package dev.hotpath.pool.spring;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.pool.H2Database;

/** {@link JdbcTemplateContract} on H2 in memory, a database of its own per data source. */
class H2JdbcTemplateTest extends JdbcTemplateContract {

  @Override
  HikariConfig freshDatabase() {
    return H2Database.hikari();
  }
}
