package dev.hotpath.pool;

import com.zaxxer.hikari.HikariConfig;
import java.util.UUID;

/** A fresh in-memory H2 database per call, for tests that need one of their own. */
public final class H2Database {

  private H2Database() {}

  public static HikariConfig hikari() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:h2:mem:pool" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setMaximumPoolSize(4);
    return config;
  }
}
