package dev.hotpath.examples.gallery;

import dev.hotpath.pool.BatchLoader;
import dev.hotpath.pool.Keyset;
import dev.hotpath.pool.KeysetPage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The gallery's SQL: photos with their tags, paged newest first with {@link Keyset}.
 *
 * <p>{@link #page} and {@link #pageOneQueryPerPhoto} build the same page with the same per-photo
 * code; the first hands each photo's tag lookup to a {@link BatchLoader} (two statements per
 * page), the second runs one tag query per photo (the N+1 pattern the pool block reports).
 */
public final class PhotoStore {

  private static final String SELECT_PHOTOS = "SELECT id, title, taken_at FROM photo";
  private static final String[] TITLES = {
    "Harbour at dawn", "Old town roofs", "Fog over the bridge", "Market stalls", "Night tram",
    "Lighthouse", "Snow in the park", "Cathedral steps"
  };
  private static final String[] TAGS = {"city", "night", "sea", "people", "winter", "street"};

  private final DataSource db;
  private final Keyset keyset;

  /**
   * Creates a store.
   *
   * @param db where the photos live
   * @param keyset the pagination of the photo list
   */
  public PhotoStore(DataSource db, Keyset keyset) {
    this.db = db;
    this.keyset = keyset;
  }

  /**
   * The pagination the store expects: newest first, by {@code taken_at} then {@code id}.
   *
   * @param secret the cursor signing key, at least 32 bytes
   * @param maxPageSize the largest page a client may ask for
   * @return the keyset
   */
  public static Keyset keyset(byte[] secret, int maxPageSize) {
    return Keyset.builder()
        .allowedColumns("taken_at", "id")
        .orderBy("taken_at", "id")
        .descending()
        .secret(secret)
        .maxPageSize(maxPageSize)
        .build();
  }

  /**
   * Creates the tables and inserts {@code photos} photos with two tags each.
   *
   * @param photos how many photos to insert
   * @throws SQLException if the database fails
   */
  public void createAndSeed(int photos) throws SQLException {
    try (Connection c = db.getConnection(); Statement ddl = c.createStatement()) {
      ddl.execute("CREATE TABLE photo (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL,"
          + " taken_at TIMESTAMP NOT NULL)");
      ddl.execute("CREATE TABLE photo_tag (photo_id BIGINT NOT NULL, tag VARCHAR(50) NOT NULL,"
          + " PRIMARY KEY (photo_id, tag))");
      try (PreparedStatement photo = c.prepareStatement("INSERT INTO photo VALUES (?, ?, ?)");
          PreparedStatement tag = c.prepareStatement("INSERT INTO photo_tag VALUES (?, ?)")) {
        LocalDateTime first = LocalDateTime.of(2026, 1, 1, 8, 0);
        for (int id = 1; id <= photos; id++) {
          photo.setLong(1, id);
          photo.setString(2, TITLES[id % TITLES.length] + " #" + id);
          photo.setTimestamp(3, Timestamp.valueOf(first.plusHours(id)));
          photo.addBatch();
          for (String name : List.of(TAGS[id % TAGS.length], TAGS[(id + 1) % TAGS.length])) {
            tag.setLong(1, id);
            tag.setString(2, name);
            tag.addBatch();
          }
        }
        photo.executeBatch();
        tag.executeBatch();
      }
    }
  }

  /**
   * Gives a photo a new title: the gallery's upload of a change.
   *
   * @param id the photo's id
   * @param title the new title
   * @return false if there is no photo with this id
   * @throws SQLException if the database fails
   */
  public boolean retitle(long id, String title) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("UPDATE photo SET title = ? WHERE id = ?")) {
      ps.setString(1, title);
      ps.setLong(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Reads one photo with its tags.
   *
   * @param id the photo's id
   * @return the photo, or null if there is none with this id
   * @throws SQLException if the database fails
   */
  public Photo find(long id) throws SQLException {
    PhotoRow row = null;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(SELECT_PHOTOS + " WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          row = PhotoRow.read(rs);
        }
      }
    }
    return row == null ? null : row.withTags(tagsOfPhoto(id));
  }

  /**
   * Reads a page of photos, loading all their tags with one statement.
   *
   * @param cursor the previous page's {@link PhotoPage#next()}, or null for the first page
   * @param size photos per page
   * @return the page
   * @throws SQLException if the database fails
   * @throws dev.hotpath.pool.InvalidCursorException if the cursor was not made by this service
   * @throws IllegalArgumentException if {@code size} is out of bounds
   */
  public PhotoPage page(String cursor, int size) throws SQLException {
    Rows page = readPage(cursor, size);
    BatchLoader<Long, List<String>> tags = BatchLoader.<Long, List<String>>builder(this::tagsOf).build();
    Map<PhotoRow, CompletableFuture<List<String>>> pending = new LinkedHashMap<>();
    for (PhotoRow row : page.rows()) {
      pending.put(row, tags.load(row.id())); // queued, not run
    }
    tags.dispatch(); // one SELECT ... WHERE photo_id IN (?+) for the whole page
    List<Photo> photos = new ArrayList<>();
    pending.forEach((row, rowTags) -> photos.add(row.withTags(rowTags.join())));
    return new PhotoPage(photos, page.next());
  }

  /**
   * Reads a page of photos the naive way: one tag query per photo (N+1).
   *
   * @param cursor the previous page's {@link PhotoPage#next()}, or null for the first page
   * @param size photos per page
   * @return the page
   * @throws SQLException if the database fails
   * @throws dev.hotpath.pool.InvalidCursorException if the cursor was not made by this service
   * @throws IllegalArgumentException if {@code size} is out of bounds
   */
  public PhotoPage pageOneQueryPerPhoto(String cursor, int size) throws SQLException {
    Rows page = readPage(cursor, size);
    List<Photo> photos = new ArrayList<>();
    for (PhotoRow row : page.rows()) {
      photos.add(row.withTags(tagsOfPhoto(row.id()))); // one statement per photo
    }
    return new PhotoPage(photos, page.next());
  }

  private record PhotoRow(long id, String title, String takenAt) {
    static PhotoRow read(ResultSet rs) throws SQLException {
      return new PhotoRow(rs.getLong("id"), rs.getString("title"),
          rs.getTimestamp("taken_at").toLocalDateTime().toString());
    }

    Photo withTags(List<String> tags) {
      return new Photo(id, title, takenAt, tags);
    }
  }

  private record Rows(List<PhotoRow> rows, String next) {}

  private Rows readPage(String cursor, int size) throws SQLException {
    KeysetPage page = keyset.page(cursor, size);
    List<PhotoRow> rows = new ArrayList<>();
    String next = null;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(page.sql(SELECT_PHOTOS))) {
      page.bind(ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(PhotoRow.read(rs));
          if (rows.size() == size) {
            next = keyset.cursorAfter(rs); // a full page: there may be more after this row
          }
        }
      }
    }
    return new Rows(rows, next);
  }

  private List<String> tagsOfPhoto(long photoId) throws SQLException {
    return tagsOf(Set.of(photoId)).get(photoId);
  }

  private Map<Long, List<String>> tagsOf(Set<Long> photoIds) throws SQLException {
    Map<Long, List<String>> tags = new LinkedHashMap<>();
    photoIds.forEach(id -> tags.put(id, new ArrayList<>()));
    String placeholders = String.join(", ", Collections.nCopies(photoIds.size(), "?"));
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT photo_id, tag FROM photo_tag"
            + " WHERE photo_id IN (" + placeholders + ") ORDER BY photo_id, tag")) {
      int index = 1;
      for (long id : photoIds) {
        ps.setLong(index++, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tags.get(rs.getLong(1)).add(rs.getString(2));
        }
      }
    }
    return tags;
  }
}
