package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.jdbc.PgConnection;

class PostgresTransparencyTest extends JdbcTransparencyContract {

  private static final String SCHEMA = PostgresDatabase.uniqueName("pool_transparency");
  private static HotpathDataSource dataSource;

  @BeforeAll
  static void start() throws SQLException {
    HikariConfig config = PostgresDatabase.hikari(2);
    config.setConnectionInitSql("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
    config.setSchema(SCHEMA);
    dataSource = HotpathDataSource.builder().name("pg").hikari(config).listener(EVENTS::add).build();
  }

  @AfterAll
  static void stop() throws SQLException {
    PostgresDatabase.dropAndClose(dataSource, "DROP SCHEMA " + SCHEMA + " CASCADE");
  }

  @Override
  HotpathDataSource dataSource() {
    return dataSource;
  }

  @Override
  String table() {
    return "person";
  }

  @Override
  Class<? extends Connection> driverConnection() {
    return PgConnection.class;
  }

  @Override
  String createTable() {
    return "CREATE TABLE person (id BIGSERIAL PRIMARY KEY, name TEXT)";
  }

  @Test
  void callableStatementsWork() throws SQLException {
    try (Connection c = dataSource.getConnection();
         CallableStatement call = c.prepareCall("{? = call upper(?)}")) {
      call.registerOutParameter(1, Types.VARCHAR);
      call.setString(2, "hotpath");
      call.execute();
      assertThat(call.getString(1)).isEqualTo("HOTPATH");
      assertThat(c.unwrap(PGConnection.class)).isNotNull();
    }
  }
}
