package dev.hotpath.examples.proof;

import java.util.List;

/**
 * One page of photos, newest first.
 *
 * @param photos the photos of this page
 * @param next what continues the list (a keyset cursor, or the naive build's page number), or
 *     null on the last page
 */
public record ScalePage(List<ScalePhoto> photos, String next) {

  /**
   * Copies the photos so the record stays immutable.
   *
   * @param photos the photos of this page
   * @param next what continues the list, or null on the last page
   */
  public ScalePage {
    photos = List.copyOf(photos);
  }
}
