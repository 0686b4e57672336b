package dev.hotpath.examples.gallery;

import java.util.List;

/**
 * What the vision API saw in a photo.
 *
 * @param photoId the photo
 * @param labels the labels, most confident first
 */
public record Labels(long photoId, List<String> labels) {

  /**
   * Copies the labels so the record stays immutable.
   *
   * @param photoId the photo
   * @param labels the labels, most confident first
   */
  public Labels {
    labels = List.copyOf(labels);
  }
}
