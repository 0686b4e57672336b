package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.CleanResult;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.junit.jupiter.api.Test;

/**
 * Flyway, run as a user runs it, gives the same results through {@link HotpathDataSource} as on
 * the raw pool: migrate, info, validate, clean, and migrate again after clean. Subclasses give the
 * database; each side works in a schema of its own.
 */
abstract class FlywayContract {

  /** A fresh pool configuration on the database under test. */
  abstract HikariConfig hikari();

  /** The schema name for one side of the comparison, unique to this run. */
  abstract String schema(String side);

  /** Where the migrations are, in the order Flyway should look. */
  abstract String[] locations();

  /** How many migrations {@link #locations()} hold. */
  abstract int migrationCount();

  @Test
  void flywayGivesTheSameResultsThroughTheWrapperAsOnTheRawPool() throws Exception {
    List<String> raw;
    try (HikariDataSource pool = new HikariDataSource(hikari())) {
      raw = transcript(pool, schema("raw"));
    }
    List<QueryEvent> events = new CopyOnWriteArrayList<>();
    List<String> wrapped;
    try (HotpathDataSource db = HotpathDataSource.builder().name("flyway").hikari(hikari())
        .listener(events::add).build()) {
      wrapped = transcript(db, schema("wrapped"));
      assertThat(db.instrumentationFailures()).isZero();
    }
    assertThat(wrapped).containsExactlyElementsOf(raw);
    assertThat(raw).contains("migrate executed=" + migrationCount() + " success=true");
    // Flyway's statements were measured, not just let through.
    assertThat(events).anySatisfy(event -> assertThat(event.fingerprint().text())
        .containsIgnoringCase("CREATE TABLE photo"));
    assertThat(events).allSatisfy(event -> assertThat(event.succeeded()).isTrue());
  }

  /** Everything Flyway reports about one full cycle, with the schema name taken out. */
  private List<String> transcript(DataSource dataSource, String schema) throws Exception {
    Flyway flyway = Flyway.configure().dataSource(dataSource).schemas(schema)
        .locations(locations()).cleanDisabled(false).load();
    List<String> lines = new ArrayList<>();
    info(flyway, lines, "before");
    MigrateResult migrate = flyway.migrate();
    lines.add("migrate executed=" + migrate.migrationsExecuted + " success=" + migrate.success);
    info(flyway, lines, "after migrate");
    ValidateResult validate = flyway.validateWithResult();
    lines.add("validate ok=" + validate.validationSuccessful + " errors=" + validate.invalidMigrations);
    lines.add("photos=" + countPhotos(dataSource, schema));
    CleanResult clean = flyway.clean();
    lines.add("clean cleaned=" + clean.schemasCleaned.size() + " dropped=" + clean.schemasDropped.size());
    info(flyway, lines, "after clean");
    MigrateResult again = flyway.migrate();
    lines.add("migrate again executed=" + again.migrationsExecuted);
    flyway.clean();
    return lines;
  }

  private static void info(Flyway flyway, List<String> lines, String when) {
    for (MigrationInfo info : flyway.info().all()) {
      lines.add(when + ": " + info.getVersion() + " " + info.getDescription() + " " + info.getType()
          + " checksum=" + info.getChecksum() + " " + info.getState());
    }
  }

  private static long countPhotos(DataSource dataSource, String schema) throws Exception {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM " + schema + ".photo")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
