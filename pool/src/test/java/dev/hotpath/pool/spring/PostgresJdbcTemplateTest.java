package dev.hotpath.pool.spring;

import com.zaxxer.hikari.HikariConfig;
import dev.hotpath.pool.PostgresDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** {@link JdbcTemplateContract} on the real PostgreSQL, a schema of its own per data source. */
class PostgresJdbcTemplateTest extends JdbcTemplateContract {

  private final List<String> schemas = new ArrayList<>();
  private HikariConfig server;

  @Override
  HikariConfig freshDatabase() throws Exception {
    server = PostgresDatabase.hikari(4);
    String schema = PostgresDatabase.uniqueName("spring");
    run("CREATE SCHEMA " + schema);
    schemas.add(schema);
    server.setSchema(schema);
    return server;
  }

  @AfterEach
  void dropSchemas() throws Exception {
    for (String schema : schemas) {
      run("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  private void run(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(server.getJdbcUrl(), server.getUsername(),
        server.getPassword()); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
