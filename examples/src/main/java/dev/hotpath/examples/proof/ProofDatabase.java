package dev.hotpath.examples.proof;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where the proof's dataset lives: a PostgreSQL server and a database of its own on it (never
 * the shared {@code test} database), created when missing.
 *
 * @param serverUrl the server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
 * @param database the database name, letters, digits and underscores
 * @param user the user
 * @param password the password, empty for trust authentication
 */
public record ProofDatabase(String serverUrl, String database, String user, String password) {

  /** The database of the full run. */
  public static final String DEFAULT_DATABASE = "gallery_scale";

  /**
   * Checks the parts.
   *
   * @param serverUrl the server, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
   * @param database the database name, letters, digits and underscores
   * @param user the user
   * @param password the password, empty for trust authentication
   */
  public ProofDatabase {
    if (serverUrl == null || !serverUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("serverUrl must start with jdbc:postgresql://, was "
          + serverUrl);
    }
    if (database == null || !database.matches("[a-z][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException(
          "database must be lower-case letters, digits and underscores, was " + database);
    }
    if ("test".equals(database) || "postgres".equals(database)) {
      throw new IllegalArgumentException("database must be one of the proof's own, was " + database);
    }
    serverUrl = serverUrl.endsWith("/") ? serverUrl : serverUrl + "/";
    password = password == null ? "" : password;
  }

  /**
   * The server from {@code HOTPATH_JDBC_URL} (its database part is replaced), else the local one.
   *
   * @param database the proof's database name
   * @return the location
   */
  public static ProofDatabase fromEnvironment(String database) {
    String url = System.getenv("HOTPATH_JDBC_URL");
    String server = "jdbc:postgresql://127.0.0.1:5432/";
    if (url != null && !url.isBlank()) {
      URI uri = URI.create(url.substring("jdbc:".length()));
      server = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
          + "/";
    }
    String user = System.getenv().getOrDefault("HOTPATH_JDBC_USER", "postgres");
    return new ProofDatabase(server, database, user, System.getenv("HOTPATH_JDBC_PASSWORD"));
  }

  /**
   * Returns the JDBC URL of the proof's database.
   *
   * @return the URL
   */
  public String jdbcUrl() {
    return serverUrl + database;
  }

  /**
   * Creates the database unless it exists.
   *
   * @throws SQLException if the server refuses
   */
  public void createIfMissing() throws SQLException {
    try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, password);
        PreparedStatement exists =
            admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement create = admin.createStatement()) {
        create.execute("CREATE DATABASE " + database); // checked against [a-z0-9_] above
      }
    }
  }

  /**
   * Opens a plain connection (no pool), for seeding and plans.
   *
   * @return a connection the caller closes
   * @throws SQLException if the database cannot be reached
   */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), user, password);
  }
}
