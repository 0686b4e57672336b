package dev.hotpath.examples.proof;

import java.util.List;

/**
 * An upload: {@code POST /api/photos} with this as JSON.
 *
 * @param albumId the album it goes to
 * @param title its title
 * @param description its description
 * @param tags its tags, 1 to 10
 */
public record NewPhoto(long albumId, String title, String description, List<String> tags) {

  /**
   * Checks the upload.
   *
   * @param albumId the album it goes to
   * @param title its title
   * @param description its description
   * @param tags its tags, 1 to 10
   */
  public NewPhoto {
    if (title == null || title.isBlank() || description == null) {
      throw new IllegalArgumentException("an upload needs a title and a description");
    }
    if (tags == null || tags.isEmpty() || tags.size() > 10) {
      throw new IllegalArgumentException("an upload needs 1 to 10 tags, had "
          + (tags == null ? 0 : tags.size()));
    }
    tags = List.copyOf(tags);
  }
}
