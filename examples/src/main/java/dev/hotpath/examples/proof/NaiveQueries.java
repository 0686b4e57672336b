package dev.hotpath.examples.proof;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The queries as they are first written: {@code OFFSET} pages, {@code ILIKE} search, a join for
 * the tag filter, a lazy load per association and one tag query per photo. On the keys-only
 * schema every list statement reads whole tables.
 */
final class NaiveQueries implements GalleryQueries {

  /** The naive list statement: its cost grows with the offset. */
  static final String LIST = "SELECT " + PHOTO_COLUMNS
      + " FROM photo ORDER BY taken_at DESC, id DESC LIMIT ? OFFSET ?";
  /** The naive search: a pattern no index serves. */
  static final String SEARCH = "SELECT " + PHOTO_COLUMNS + " FROM photo"
      + " WHERE ' ' || description || ' ' ILIKE ? ORDER BY taken_at DESC, id DESC LIMIT ?";
  /** The naive tag filter. */
  static final String BY_TAG = "SELECT p.id, p.album_id, p.title, p.description, p.taken_at,"
      + " p.width, p.height FROM photo p JOIN photo_tag t ON t.photo_id = p.id WHERE t.tag = ?"
      + " ORDER BY p.taken_at DESC, p.id DESC LIMIT ?";

  private final DataSource db;

  NaiveQueries(DataSource db) {
    this.db = db;
  }

  @Override
  public ScalePage list(String position, int size) throws SQLException {
    int page = position == null ? 0 : Integer.parseInt(position);
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative, was " + page);
    }
    List<ScalePhoto> photos = photos(LIST, size, (long) page * size);
    return new ScalePage(photos, photos.size() == size ? String.valueOf(page + 1) : null);
  }

  @Override
  public ScalePage search(String word, int size) throws SQLException {
    return new ScalePage(photos(SEARCH, "% " + word + " %", size), null);
  }

  @Override
  public ScalePage byTag(String tag, int size) throws SQLException {
    return new ScalePage(photos(BY_TAG, tag, size), null);
  }

  @Override
  public PhotoDetail detail(long id) throws SQLException {
    // What a lazily loading mapper does: one statement per association.
    ScalePhoto photo;
    try (Connection c = db.getConnection();
        PreparedStatement ps =
            c.prepareStatement("SELECT " + PHOTO_COLUMNS + " FROM photo WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        photo = GalleryQueries.readPhoto(rs, List.of());
      }
    }
    photo = withTags(photo);
    String[] album = nameAndParent("SELECT name, project_id FROM album WHERE id = ?",
        photo.albumId());
    String[] project = nameAndParent("SELECT name, organisation_id FROM project WHERE id = ?",
        Long.parseLong(album[1]));
    String[] organisation = nameAndParent("SELECT name, id FROM organisation WHERE id = ?",
        Long.parseLong(project[1]));
    return new PhotoDetail(photo, album[0], project[0], organisation[0]);
  }

  @Override
  public long upload(NewPhoto photo) throws SQLException {
    try (Connection c = db.getConnection()) {
      return GalleryQueries.insert(c, photo);
    }
  }

  private String[] nameAndParent(String sql, long id) throws SQLException {
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new String[] {rs.getString(1), String.valueOf(rs.getLong(2))};
      }
    }
  }

  private List<ScalePhoto> photos(String sql, Object... parameters) throws SQLException {
    List<ScalePhoto> photos = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          photos.add(GalleryQueries.readPhoto(rs, List.of()));
        }
      }
    }
    List<ScalePhoto> withTags = new ArrayList<>(photos.size());
    for (ScalePhoto photo : photos) {
      withTags.add(withTags(photo)); // one statement per photo: N+1
    }
    return withTags;
  }

  private ScalePhoto withTags(ScalePhoto p) throws SQLException {
    return p.withTags(tagsOf(p.id()));
  }

  private List<String> tagsOf(long photoId) throws SQLException {
    List<String> tags = new ArrayList<>();
    try (Connection c = db.getConnection(); PreparedStatement ps =
        c.prepareStatement("SELECT tag FROM photo_tag WHERE photo_id = ? ORDER BY tag")) {
      ps.setLong(1, photoId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          tags.add(rs.getString(1));
        }
      }
    }
    return tags;
  }
}
