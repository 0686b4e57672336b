package dev.hotpath.examples.proof;

import java.util.List;

/**
 * A photo as the scale gallery's API returns it.
 *
 * @param id the photo's id
 * @param albumId its album
 * @param title its title
 * @param description its searchable description
 * @param takenAt when it was taken, ISO-8601
 * @param width its width in pixels
 * @param height its height in pixels
 * @param tags its tags, in alphabetical order
 */
public record ScalePhoto(long id, long albumId, String title, String description, String takenAt,
    int width, int height, List<String> tags) {

  /**
   * Copies the tags so the record stays immutable.
   *
   * @param id the photo's id
   * @param albumId its album
   * @param title its title
   * @param description its searchable description
   * @param takenAt when it was taken, ISO-8601
   * @param width its width in pixels
   * @param height its height in pixels
   * @param tags its tags, in alphabetical order
   */
  public ScalePhoto {
    tags = List.copyOf(tags);
  }

  /**
   * Returns this photo with other tags.
   *
   * @param otherTags the tags
   * @return a copy
   */
  public ScalePhoto withTags(List<String> otherTags) {
    return new ScalePhoto(id, albumId, title, description, takenAt, width, height, otherTags);
  }
}
