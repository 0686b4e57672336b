package dev.hotpath.examples.proof;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The gallery's schema at scale on PostgreSQL, seeded with set-based SQL ({@code generate_series}
 * and {@code INSERT ... SELECT}, no row-by-row inserts): organisations, projects and albums in
 * proportion to the photo count, 3 to 7 tags per photo (5 on average) from 200 tags with a skewed
 * popularity, and 12-word descriptions drawn from a 2,000-word vocabulary with a skewed (Zipf-like)
 * frequency, so a search term matches anywhere from a few hundred to tens of thousands of photos.
 *
 * <p>A {@code proof_dataset} row records the size and {@link #SEED_VERSION}; a dataset with the
 * same row is reused, any other is replaced. Photo {@code n} was taken at
 * {@link #takenAt(long) 2020-01-01 plus n minutes}, so a load driver can address any page.
 *
 * <p>The seeded schema is the naive one: primary and foreign keys only. {@link #HOTPATH_INDEXES}
 * are the indexes the hotpath build's queries need; {@link #dropHotpathIndexes} and
 * {@link #createHotpathIndexes} switch between the two so each mode runs on its own schema.
 */
public final class ScaleDataset {

  /** Bumped whenever the seed SQL changes, so an older dataset is replaced. */
  public static final int SEED_VERSION = 1;
  /** The number of distinct tags. */
  public static final int TAGS = 200;
  /** The vocabulary of descriptions (tags are its first {@link #TAGS} words). */
  public static final int WORDS = 2000;
  /** When photo 0 would have been taken; photo n is n minutes later. */
  public static final LocalDateTime EPOCH = LocalDateTime.of(2020, 1, 1, 0, 0);

  /**
   * An index of the hotpath schema.
   *
   * @param name the index name
   * @param table the table it indexes
   * @param leadingKey its first key column or expression, as statements that can use it spell it
   * @param ddl its {@code CREATE INDEX} statement
   */
  public record Index(String name, String table, String leadingKey, String ddl) {}

  /** The indexes the hotpath queries use: keyset listing, tag filter, full-text search. */
  public static final List<Index> HOTPATH_INDEXES = List.of(
      new Index("photo_taken_at_id_idx", "photo", "taken_at",
          "CREATE INDEX IF NOT EXISTS photo_taken_at_id_idx ON photo (taken_at, id)"),
      new Index("photo_tag_tag_photo_idx", "photo_tag", "tag",
          "CREATE INDEX IF NOT EXISTS photo_tag_tag_photo_idx ON photo_tag (tag, photo_id)"),
      new Index("photo_description_fts_idx", "photo", "to_tsvector('simple', description)",
          "CREATE INDEX IF NOT EXISTS photo_description_fts_idx ON photo"
              + " USING gin (to_tsvector('simple', description))"));

  // Real words first: they are the most frequent, and the first 200 are the tags.
  private static final String[] COMMON_WORDS = {
    "sky", "light", "street", "water", "people", "city", "tree", "night", "sea", "winter",
    "summer", "harbour", "bridge", "market", "tram", "lighthouse", "snow", "park", "cathedral",
    "steps", "roof", "fog", "dawn", "dusk", "river", "mountain", "forest", "beach", "boat",
    "train", "station", "window", "door", "garden", "flower", "dog", "cat", "bird", "child",
    "portrait", "wedding", "concert", "festival", "rain", "storm", "cloud", "sun", "moon",
    "star", "lake", "island", "desert", "road", "car", "bicycle", "cafe", "kitchen", "shadow",
    "reflection", "mirror", "stone", "wall", "tower", "castle", "church", "museum", "statue",
    "fountain", "square", "alley", "crowd", "dancer", "musician", "painter", "fisherman",
    "horse", "field", "farm", "village", "valley", "cliff", "wave", "sand", "ice", "fire",
    "lamp", "neon", "sign", "poster", "graffiti", "umbrella", "coat", "hat", "shoes", "book",
    "table", "chair", "bench", "stairs", "balcony"
  };
  private static final String SYLLABLES =
      "ARRAY['ka','lo','mi','ren','tu','sa','vor','el','dan','qui','po','ber','ix','nal','ot',"
          + "'um','fra','zel','gi','wen']";

  private final ProofDatabase database;

  /**
   * Creates the dataset's handle.
   *
   * @param database where it lives
   */
  public ScaleDataset(ProofDatabase database) {
    this.database = database;
  }

  /**
   * Returns when a seeded photo was taken.
   *
   * @param photoId the photo's id, 1 to the photo count
   * @return its {@code taken_at}
   */
  public static LocalDateTime takenAt(long photoId) {
    return EPOCH.plusMinutes(photoId);
  }

  /**
   * Seeds {@code photos} photos unless the database already holds exactly that dataset.
   *
   * @param photos the photo count, at least 100
   * @return how long seeding took, zero when the dataset was reused
   * @throws SQLException if PostgreSQL fails
   */
  public Duration ensure(long photos) throws SQLException {
    if (photos < 100) {
      throw new IllegalArgumentException("photos must be at least 100, was " + photos);
    }
    database.createIfMissing();
    try (Connection c = database.connect()) {
      if (seededPhotos(c) == photos) {
        resetUploads(c, photos);
        return Duration.ZERO;
      }
      long start = System.nanoTime();
      seed(c, photos);
      return Duration.ofNanos(System.nanoTime() - start);
    }
  }

  /**
   * Deletes what uploads added since the seed, so every mode starts from the same rows.
   *
   * @param c a connection to the dataset
   * @param photos the seeded photo count
   * @throws SQLException if PostgreSQL fails
   */
  public static void resetUploads(Connection c, long photos) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM photo WHERE id > ?")) {
      delete.setLong(1, photos);
      delete.executeUpdate();
    }
    try (Statement s = c.createStatement()) {
      s.execute("SELECT setval('photo_id_seq', " + photos + ")");
    }
  }

  /**
   * Drops the hotpath indexes: the naive build runs on keys only.
   *
   * @throws SQLException if PostgreSQL fails
   */
  public void dropHotpathIndexes() throws SQLException {
    try (Connection c = database.connect()) {
      dropHotpathIndexes(c);
    }
  }

  /**
   * Drops the hotpath indexes over a given connection.
   *
   * @param c a connection to the dataset
   * @throws SQLException if PostgreSQL fails
   */
  public static void dropHotpathIndexes(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (Index index : HOTPATH_INDEXES) {
        s.execute("DROP INDEX IF EXISTS " + index.name());
      }
    }
  }

  /**
   * Creates the hotpath indexes that are missing and refreshes the planner's statistics.
   *
   * @return how long it took
   * @throws SQLException if PostgreSQL fails
   */
  public Duration createHotpathIndexes() throws SQLException {
    long start = System.nanoTime();
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute("SET maintenance_work_mem = '256MB'");
      for (Index index : HOTPATH_INDEXES) {
        s.execute(index.ddl());
      }
      s.execute("ANALYZE photo");
      s.execute("ANALYZE photo_tag");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /**
   * Counts the photo-tag rows.
   *
   * @return the row count
   * @throws SQLException if PostgreSQL fails
   */
  public long tagRows() throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM photo_tag")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Returns the size of the dataset's database on disk, indexes included.
   *
   * @return bytes
   * @throws SQLException if PostgreSQL fails
   */
  public long databaseBytes() throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * Returns the photo count recorded by the seed, or -1 when there is no current dataset.
   *
   * @param c a connection to the dataset
   * @return the seeded photo count
   * @throws SQLException if PostgreSQL fails
   */
  public static long seededPhotos(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try (ResultSet exists = s.executeQuery("SELECT to_regclass('proof_dataset') IS NOT NULL")) {
        exists.next();
        if (!exists.getBoolean(1)) {
          return -1;
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT photos FROM proof_dataset WHERE seed_version = "
          + SEED_VERSION + " AND complete")) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  }

  private static void seed(Connection c, long photos) throws SQLException {
    long organisations = Math.max(1, photos / 100_000);
    long projects = Math.max(2, photos / 5_000);
    long albums = Math.max(4, photos / 200);
    try (Statement s = c.createStatement()) {
      s.execute("SET synchronous_commit = off");
      s.execute("SET maintenance_work_mem = '256MB'");
      s.execute("DROP TABLE IF EXISTS proof_dataset, photo_tag, photo, album, project,"
          + " organisation, word CASCADE");
      s.execute("DROP SEQUENCE IF EXISTS photo_id_seq");
      s.execute("SELECT setseed(0.18)"); // the same rows every time
      s.execute("CREATE TABLE word (id int PRIMARY KEY, word text NOT NULL)");
      try (PreparedStatement words = c.prepareStatement(
          "INSERT INTO word SELECT n, w FROM unnest(?::text[]) WITH ORDINALITY AS u(w, n)")) {
        words.setArray(1, c.createArrayOf("text", COMMON_WORDS));
        words.executeUpdate();
      }
      s.execute("INSERT INTO word SELECT " + COMMON_WORDS.length + " + row_number() OVER"
          + " (ORDER BY md5(a || b || c)), a || b || c FROM unnest(" + SYLLABLES + ") a,"
          + " unnest(" + SYLLABLES + ") b, unnest(" + SYLLABLES + ") c"
          + " ORDER BY md5(a || b || c) LIMIT " + (WORDS - COMMON_WORDS.length));
      s.execute("CREATE TABLE organisation (id bigint PRIMARY KEY, name text NOT NULL)");
      s.execute("CREATE TABLE project (id bigint PRIMARY KEY,"
          + " organisation_id bigint NOT NULL REFERENCES organisation, name text NOT NULL)");
      s.execute("CREATE TABLE album (id bigint PRIMARY KEY,"
          + " project_id bigint NOT NULL REFERENCES project, name text NOT NULL)");
      s.execute("INSERT INTO organisation SELECT g, 'Organisation ' || g"
          + " FROM generate_series(1, " + organisations + ") g");
      s.execute("INSERT INTO project SELECT g, 1 + g % " + organisations + ", 'Project ' || g"
          + " FROM generate_series(1, " + projects + ") g");
      s.execute("INSERT INTO album SELECT g, 1 + g % " + projects + ", 'Album ' || g"
          + " FROM generate_series(1, " + albums + ") g");
      s.execute("CREATE SEQUENCE photo_id_seq");
      // Keys and constraints come after the rows: building them once is far cheaper.
      s.execute("CREATE TABLE photo (id bigint NOT NULL DEFAULT nextval('photo_id_seq'),"
          + " album_id bigint NOT NULL, title text NOT NULL, description text NOT NULL,"
          + " taken_at timestamp NOT NULL, width int NOT NULL, height int NOT NULL)");
      s.execute("CREATE TABLE photo_tag (photo_id bigint NOT NULL, tag text NOT NULL)");
      // random()^3 skews the word choice: a few words are everywhere, most are rare.
      s.execute("INSERT INTO photo SELECT g, 1 + (g * 7919) % " + albums + ","
          + " initcap(v.w[1 + g % 97]) || ' ' || v.w[1 + (g / 97) % 89] || ' #' || g,"
          + " array_to_string(ARRAY(SELECT v.w[1 + floor(" + WORDS + " * random() ^ 3)::int]"
          + " FROM generate_series(1, 12) WHERE g > 0), ' '),"
          + " timestamp '2020-01-01 00:00' + g * interval '1 minute',"
          + " 640 + (g % 5) * 320, 480 + (g % 3) * 240"
          + " FROM generate_series(1::bigint, " + photos + ") g,"
          + " (SELECT array_agg(word ORDER BY id) AS w FROM word) v");
      // 3 to 7 distinct tags per photo: offsets 28 apart never meet modulo 200.
      s.execute("INSERT INTO photo_tag SELECT p.g, v.t[1 + (p.b + i * 28) % " + TAGS + "]"
          + " FROM (SELECT g, floor(" + TAGS + " * random() ^ 2)::int AS b"
          + " FROM generate_series(1, " + photos + ") g) p,"
          + " generate_series(0, 2 + p.g % 5) i,"
          + " (SELECT array_agg(word ORDER BY id) AS t FROM word WHERE id <= " + TAGS + ") v");
      s.execute("ALTER TABLE photo ADD PRIMARY KEY (id)");
      s.execute("ALTER TABLE photo ADD FOREIGN KEY (album_id) REFERENCES album");
      s.execute("ALTER TABLE photo_tag ADD PRIMARY KEY (photo_id, tag)");
      s.execute("ALTER TABLE photo_tag ADD FOREIGN KEY (photo_id) REFERENCES photo"
          + " ON DELETE CASCADE");
      s.execute("SELECT setval('photo_id_seq', " + photos + ")");
      s.execute("VACUUM (ANALYZE) photo"); // the visibility map lets index-only scans skip the heap
      s.execute("VACUUM (ANALYZE) photo_tag");
      s.execute("ANALYZE album, project, organisation, word");
      s.execute("CREATE TABLE proof_dataset (photos bigint NOT NULL, seed_version int NOT NULL,"
          + " complete boolean NOT NULL, seeded_at timestamptz NOT NULL DEFAULT now())");
      s.execute("INSERT INTO proof_dataset (photos, seed_version, complete) VALUES (" + photos
          + ", " + SEED_VERSION + ", true)");
    }
  }

  /**
   * Seeds (or reuses) the dataset and prints how long it took, without running the proof:
   * {@code -Dproof.photos=N}, by default {@link ProofRun}'s 1,500,000 (a different size replaces
   * the dataset, so a seed-only run with another default would undo the full run's seed).
   *
   * @param args unused
   * @throws SQLException if PostgreSQL fails
   */
  public static void main(String[] args) throws SQLException {
    long photos = Long.getLong("proof.photos", ProofRun.DEFAULT_PHOTOS);
    ProofDatabase db = ProofDatabase.fromEnvironment(
        System.getProperty("proof.database", ProofDatabase.DEFAULT_DATABASE));
    Duration took = new ScaleDataset(db).ensure(photos);
    System.out.println(took.isZero()
        ? "reused " + photos + " photos in " + db.database()
        : "seeded " + photos + " photos in " + db.database() + " in " + took.toSeconds() + " s");
  }
}
