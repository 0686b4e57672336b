package dev.hotpath.examples.proof;

import dev.hotpath.pool.BatchLoader;
import dev.hotpath.pool.Keyset;
import dev.hotpath.pool.KeysetPage;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;

/**
 * The same answers with hotpath's pool blocks: {@link Keyset} pages (the same cost at any depth),
 * full-text search and the tag filter on their indexes
 * ({@link ScaleDataset#HOTPATH_INDEXES}), one join for the detail, and every page's tags in one
 * statement through a {@link BatchLoader}.
 */
final class HotpathQueries implements GalleryQueries {

  /** The search: the expression of the full-text index. */
  static final String SEARCH = "SELECT " + PHOTO_COLUMNS + " FROM photo"
      + " WHERE to_tsvector('simple', description) @@ plainto_tsquery('simple', ?)"
      + " ORDER BY taken_at DESC, id DESC LIMIT ?";
  /** The tag filter's ids, an index-only scan of {@code (tag, photo_id)}. */
  static final String BY_TAG = "SELECT photo_id FROM photo_tag WHERE tag = ?"
      + " ORDER BY photo_id DESC LIMIT ?";
  private static final String BY_IDS = "SELECT " + PHOTO_COLUMNS
      + " FROM photo WHERE id = ANY (?) ORDER BY taken_at DESC, id DESC";
  private static final String DETAIL = "SELECT p.id, p.album_id, p.title, p.description,"
      + " p.taken_at, p.width, p.height, a.name, pr.name, o.name FROM photo p"
      + " JOIN album a ON a.id = p.album_id JOIN project pr ON pr.id = a.project_id"
      + " JOIN organisation o ON o.id = pr.organisation_id WHERE p.id = ?";

  private final DataSource db;
  private final Keyset keyset;

  HotpathQueries(DataSource db, Keyset keyset) {
    this.db = db;
    this.keyset = keyset;
  }

  /**
   * The list's pagination: newest first by {@code (taken_at, id)}.
   *
   * @param secret the cursor signing key, at least 32 bytes
   * @return the keyset
   */
  static Keyset keyset(byte[] secret) {
    return Keyset.builder()
        .allowedColumns("taken_at", "id")
        .orderBy("taken_at", "id")
        .descending()
        .secret(secret)
        .maxPageSize(100)
        .build();
  }

  @Override
  public ScalePage list(String position, int size) throws SQLException {
    KeysetPage page = keyset.page(position, size);
    List<ScalePhoto> photos = new ArrayList<>();
    String next = null;
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(page.sql("SELECT " + PHOTO_COLUMNS + " FROM photo"))) {
      page.bind(ps, 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          photos.add(GalleryQueries.readPhoto(rs, List.of()));
          if (photos.size() == size) {
            next = keyset.cursorAfter(rs);
          }
        }
      }
    }
    return new ScalePage(withTags(photos), next);
  }

  @Override
  public ScalePage search(String word, int size) throws SQLException {
    List<ScalePhoto> photos = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(SEARCH)) {
      ps.setString(1, word);
      ps.setInt(2, size);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          photos.add(GalleryQueries.readPhoto(rs, List.of()));
        }
      }
    }
    return new ScalePage(withTags(photos), null);
  }

  @Override
  public ScalePage byTag(String tag, int size) throws SQLException {
    List<Long> ids = new ArrayList<>();
    List<ScalePhoto> photos = new ArrayList<>();
    try (Connection c = db.getConnection()) {
      try (PreparedStatement ps = c.prepareStatement(BY_TAG)) {
        ps.setString(1, tag);
        ps.setInt(2, size);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      if (ids.isEmpty()) {
        return new ScalePage(List.of(), null);
      }
      try (PreparedStatement ps = c.prepareStatement(BY_IDS)) {
        ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            photos.add(GalleryQueries.readPhoto(rs, List.of()));
          }
        }
      }
    }
    return new ScalePage(withTags(photos), null);
  }

  @Override
  public PhotoDetail detail(long id) throws SQLException {
    ScalePhoto photo;
    String album;
    String project;
    String organisation;
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(DETAIL)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        photo = GalleryQueries.readPhoto(rs, List.of());
        album = rs.getString(8);
        project = rs.getString(9);
        organisation = rs.getString(10);
      }
    }
    return new PhotoDetail(withTags(List.of(photo)).get(0), album, project, organisation);
  }

  @Override
  public long upload(NewPhoto photo) throws SQLException {
    try (Connection c = db.getConnection()) {
      return GalleryQueries.insert(c, photo);
    }
  }

  /** Every photo's tag lookup goes through one loader: one statement for the whole page. */
  private List<ScalePhoto> withTags(List<ScalePhoto> photos) {
    BatchLoader<Long, List<String>> tags =
        BatchLoader.<Long, List<String>>builder(this::tagsOf).build();
    Map<ScalePhoto, CompletableFuture<List<String>>> pending = new LinkedHashMap<>();
    for (ScalePhoto photo : photos) {
      pending.put(photo, tags.load(photo.id()));
    }
    tags.dispatch();
    List<ScalePhoto> complete = new ArrayList<>(photos.size());
    pending.forEach((photo, photoTags) -> complete.add(photo.withTags(photoTags.join())));
    return complete;
  }

  private Map<Long, List<String>> tagsOf(Set<Long> photoIds) throws SQLException {
    Map<Long, List<String>> tags = new LinkedHashMap<>();
    photoIds.forEach(id -> tags.put(id, new ArrayList<>()));
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
        "SELECT photo_id, tag FROM photo_tag WHERE photo_id = ANY (?) ORDER BY photo_id, tag")) {
      Array ids = c.createArrayOf("bigint", photoIds.toArray());
      ps.setArray(1, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tags.get(rs.getLong(1)).add(rs.getString(2));
        }
      }
    }
    return tags;
  }
}
