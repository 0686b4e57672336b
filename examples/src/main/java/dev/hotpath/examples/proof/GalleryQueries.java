package dev.hotpath.examples.proof;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * What the scale gallery asks its database, in one of two ways: {@link NaiveQueries} or
 * {@link HotpathQueries}. Both return the same photos for the same request.
 */
interface GalleryQueries {

  /** The columns of a photo row, in {@link #readPhoto} order. */
  String PHOTO_COLUMNS = "id, album_id, title, description, taken_at, width, height";

  /**
   * Reads one page of the newest-first list.
   *
   * @param position where the page starts: the previous page's {@link ScalePage#next()}, or null
   * @param size photos per page
   * @return the page
   * @throws SQLException if the database fails
   */
  ScalePage list(String position, int size) throws SQLException;

  /**
   * Reads the newest photos whose description holds a word.
   *
   * @param word one lower-case word
   * @param size photos per page
   * @return the first page of matches
   * @throws SQLException if the database fails
   */
  ScalePage search(String word, int size) throws SQLException;

  /**
   * Reads the newest photos with a tag.
   *
   * @param tag the tag
   * @param size photos per page
   * @return the first page of matches
   * @throws SQLException if the database fails
   */
  ScalePage byTag(String tag, int size) throws SQLException;

  /**
   * Reads one photo with its album, project and organisation.
   *
   * @param id the photo's id
   * @return the detail, or null when there is no such photo
   * @throws SQLException if the database fails
   */
  PhotoDetail detail(long id) throws SQLException;

  /**
   * Inserts an upload with its tags.
   *
   * @param photo the upload
   * @return the new photo's id
   * @throws SQLException if the database fails
   */
  long upload(NewPhoto photo) throws SQLException;

  /**
   * Reads the photo columns of the current row, with its tags.
   *
   * @param rs a result set over {@link #PHOTO_COLUMNS}
   * @param tags the photo's tags
   * @return the photo
   * @throws SQLException if a column cannot be read
   */
  static ScalePhoto readPhoto(ResultSet rs, List<String> tags) throws SQLException {
    return new ScalePhoto(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
        rs.getTimestamp(5).toLocalDateTime().toString(), rs.getInt(6), rs.getInt(7), tags);
  }

  /**
   * Inserts an upload the same way in both builds: the photo, then its tags as one batch.
   *
   * @param c the connection
   * @param photo the upload
   * @return the new id
   * @throws SQLException if the database fails
   */
  static long insert(Connection c, NewPhoto photo) throws SQLException {
    long id;
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO photo (album_id, title,"
        + " description, taken_at, width, height) VALUES (?, ?, ?, localtimestamp, 1024, 768)"
        + " RETURNING id")) {
      insert.setLong(1, photo.albumId());
      insert.setString(2, photo.title());
      insert.setString(3, photo.description());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        id = rs.getLong(1);
      }
    }
    try (PreparedStatement tags =
        c.prepareStatement("INSERT INTO photo_tag (photo_id, tag) VALUES (?, ?)")) {
      for (String tag : photo.tags()) {
        tags.setLong(1, id);
        tags.setString(2, tag);
        tags.addBatch();
      }
      tags.executeBatch();
    }
    return id;
  }
}
