package dev.hotpath.examples.gallery;

import java.util.List;

/**
 * One page of the photo list, newest first.
 *
 * @param photos the photos of this page
 * @param next the cursor of the next page ({@code ?after=next}), or null on the last page
 */
public record PhotoPage(List<Photo> photos, String next) {

  /**
   * Copies the photos so the record stays immutable.
   *
   * @param photos the photos of this page
   * @param next the cursor of the next page, or null on the last page
   */
  public PhotoPage {
    photos = List.copyOf(photos);
  }
}
