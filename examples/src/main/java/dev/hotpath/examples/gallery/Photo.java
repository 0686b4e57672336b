package dev.hotpath.examples.gallery;

import java.util.List;

/**
 * A photo as the API returns it.
 *
 * @param id the photo's id
 * @param title its title
 * @param takenAt when it was taken, ISO-8601
 * @param tags its tags, in alphabetical order
 */
public record Photo(long id, String title, String takenAt, List<String> tags) {

  /**
   * Copies the tags so the record stays immutable.
   *
   * @param id the photo's id
   * @param title its title
   * @param takenAt when it was taken, ISO-8601
   * @param tags its tags, in alphabetical order
   */
  public Photo {
    tags = List.copyOf(tags);
  }
}
