package dev.hotpath.pool.orm;

import com.zaxxer.hikari.HikariConfig;
import java.util.Map;
import java.util.UUID;

/** {@link HibernateContract} on H2 in memory, a database of its own per test. */
class H2HibernateTest extends HibernateContract {

  @Override
  HikariConfig hikari() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:orm" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    return config;
  }

  @Override
  Map<String, Object> extraSettings() {
    return Map.of();
  }
}
