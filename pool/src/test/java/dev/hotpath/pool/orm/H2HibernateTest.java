package dev.hotpath.pool.orm;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.pool.H2Database;
import java.util.Map;

/** {@link HibernateContract} on H2 in memory, a database of its own per test. */
class H2HibernateTest extends HibernateContract {

  @Override
  HikariConfig hikari() {
    return H2Database.hikari();
  }

  @Override
  Map<String, Object> extraSettings() {
    return Map.of();
  }
}
