package dev.hotpath.pool;

import dev.hotpath.core.Check;
import java.util.Optional;

/**
 * One SELECT shape repeated within one scope more often than the N+1 threshold allows: the
 * signature of loading children one parent at a time.
 *
 * @param dataSourceName the name of the data source that ran the statements
 * @param scopeName the root {@code UnitOfWork}'s name, or {@code "thread"} for a {@link QueryScope}
 * @param fingerprint the repeated statement's shape
 * @param count how many times it had run in the scope when the report was made (threshold + 1)
 * @param callSite the first frame of the application's code (outside hotpath's pool, the JDK,
 *     HikariCP and the skipped frameworks, see {@link HotpathDataSource#FRAMEWORK_FRAMES}):
 *     where the repeated call came from; null if none was found
 */
public record NPlusOneReport(String dataSourceName, String scopeName, SqlFingerprint fingerprint,
    int count, StackTraceElement callSite) {

  /**
   * Validates the components.
   *
   * @param dataSourceName the name of the data source that ran the statements
   * @param scopeName the root {@code UnitOfWork}'s name, or {@code "thread"} for a {@link QueryScope}
   * @param fingerprint the repeated statement's shape
   * @param count how many times it had run in the scope when the report was made (threshold + 1)
   * @param callSite the first frame of the application's code: where the repeated call came
   *     from; null if none was found
   * @throws NullPointerException if any component but {@code callSite} is null
   */
  public NPlusOneReport {
    Check.notNull(dataSourceName, "dataSourceName");
    Check.notNull(scopeName, "scopeName");
    Check.notNull(fingerprint, "fingerprint");
  }

  /**
   * Returns where the repeated call came from.
   *
   * @return the call site, or empty if every frame belonged to the library
   */
  public Optional<StackTraceElement> caller() {
    return Optional.ofNullable(callSite);
  }

  /**
   * Describes the report in one line, as logged.
   *
   * @return for example {@code N+1 in GET /photos on main: 11 x SELECT * FROM tag WHERE photo_id
   *     = ? from PhotoService.load(PhotoService.java:42)}
   */
  public String describe() {
    return "N+1 in " + scopeName + " on " + dataSourceName + ": " + count + " x " + fingerprint.text()
        + (callSite == null ? "" : " from " + callSite);
  }
}
