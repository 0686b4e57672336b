package dev.hotpath.core.testing;

import java.util.Objects;

/**
 * Where a test finds PostgreSQL: what {@code DriverManager.getConnection} or a pool needs.
 *
 * @param jdbcUrl the JDBC URL, always starting with {@code jdbc:postgresql:}
 * @param user the user name
 * @param password the password, empty when the server trusts the user
 */
public record PostgresEndpoint(String jdbcUrl, String user, String password) {

  /**
   * Validates the components.
   *
   * @throws NullPointerException if any component is null
   * @throws IllegalArgumentException if {@code jdbcUrl} does not start with {@code jdbc:postgresql:}
   */
  public PostgresEndpoint {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl must not be null");
    Objects.requireNonNull(user, "user must not be null");
    Objects.requireNonNull(password, "password must not be null");
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "jdbcUrl must start with jdbc:postgresql:, was '" + jdbcUrl + "'");
    }
  }

  /** Hides the password so that endpoints can be logged. */
  @Override
  public String toString() {
    return "PostgresEndpoint[jdbcUrl=" + jdbcUrl + ", user=" + user
        + ", password=" + (password.isEmpty() ? "(empty)" : "****") + "]";
  }
}
