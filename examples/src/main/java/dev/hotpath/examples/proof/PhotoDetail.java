package dev.hotpath.examples.proof;

/**
 * A photo with where it belongs.
 *
 * @param photo the photo and its tags
 * @param album its album's name
 * @param project the album's project
 * @param organisation the project's organisation
 */
public record PhotoDetail(ScalePhoto photo, String album, String project, String organisation) {}
