package dev.hotpath.examples.proof;

import dev.hotpath.pool.Keyset;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the simulated users ask for, in {@link Endpoint#weight()} proportions (a smooth weighted
 * round-robin, so every mode and every short run gets the same sequence of endpoints; the
 * parameters are random): detail and labels
 * of mostly recent photos (80% among the newest 1,000, as popular photos are), deep list pages
 * anywhere in the first half of the list, searches for words of medium to low frequency
 * (vocabulary ranks 10 to 500), any of the 200 tags, and uploads.
 */
final class RequestMix {

  /** Photos per page in every list request. */
  static final int PAGE_SIZE = 20;

  /**
   * One request to send.
   *
   * @param endpoint which endpoint, for the statistics
   * @param path the path and query, relative to the base URI
   * @param body the JSON body of a POST, or null for a GET
   */
  record Request(Endpoint endpoint, String path, String body) {}

  private final ProofMode mode;
  private final long photos;
  private final Keyset keyset;
  private final List<String> words;
  private final int[] credit = new int[Endpoint.values().length];
  private final int totalWeight;

  RequestMix(ProofMode mode, long photos, byte[] cursorSecret, List<String> words) {
    this.mode = mode;
    this.photos = photos;
    this.keyset = HotpathQueries.keyset(cursorSecret);
    this.words = List.copyOf(words);
    this.totalWeight = Arrays.stream(Endpoint.values()).mapToInt(Endpoint::weight).sum();
  }

  /**
   * Reads the dataset's vocabulary, most frequent first.
   *
   * @param database the dataset
   * @return the words
   * @throws SQLException if PostgreSQL fails
   */
  static List<String> vocabulary(ProofDatabase database) throws SQLException {
    List<String> words = new ArrayList<>();
    try (Connection c = database.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT word FROM word ORDER BY id")) {
      while (rs.next()) {
        words.add(rs.getString(1));
      }
    }
    return words;
  }

  /** Not thread-safe: the load driver's one scheduling thread calls it. */
  Request next(SplittableRandom random) {
    Endpoint endpoint = Endpoint.values()[0];
    for (Endpoint e : Endpoint.values()) {
      credit[e.ordinal()] += e.weight();
      if (credit[e.ordinal()] > credit[endpoint.ordinal()]) {
        endpoint = e;
      }
    }
    credit[endpoint.ordinal()] -= totalWeight;
    return switch (endpoint) {
      case LIST -> get(endpoint, "api/photos?size=" + PAGE_SIZE);
      case LIST_DEEP -> get(endpoint, deepPage(random));
      case SEARCH -> get(endpoint, "api/search?q=" + words.get(10 + random.nextInt(490)));
      case TAG -> get(endpoint, "api/tags/" + words.get(random.nextInt(ScaleDataset.TAGS))
          + "/photos");
      case DETAIL -> get(endpoint, "api/photos/" + popularPhoto(random));
      case LABELS -> get(endpoint, "api/photos/" + popularPhoto(random) + "/labels");
      case UPLOAD -> new Request(endpoint, "api/photos", upload(random));
    };
  }

  private static Request get(Endpoint endpoint, String path) {
    return new Request(endpoint, path, null);
  }

  /** The same page in both styles: OFFSET page p, or the cursor after the last row of p - 1. */
  private String deepPage(SplittableRandom random) {
    long page = 1 + random.nextLong(Math.max(1, photos / PAGE_SIZE / 2));
    if (!mode.blocks()) {
      return "api/photos?size=" + PAGE_SIZE + "&page=" + page;
    }
    long lastOfPreviousPage = photos - page * PAGE_SIZE + 1;
    String cursor = keyset.cursorAfter(
        Timestamp.valueOf(ScaleDataset.takenAt(lastOfPreviousPage)), lastOfPreviousPage);
    return "api/photos?size=" + PAGE_SIZE + "&after=" + cursor;
  }

  private long popularPhoto(SplittableRandom random) {
    long hot = Math.min(1000, photos);
    return random.nextInt(10) < 8
        ? photos - random.nextLong(hot)
        : 1 + random.nextLong(photos);
  }

  private String upload(SplittableRandom random) {
    StringBuilder description = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      description.append(i == 0 ? "" : " ").append(words.get(random.nextInt(words.size())));
    }
    String tags = "\"" + words.get(random.nextInt(ScaleDataset.TAGS / 2)) + "\",\""
        + words.get(ScaleDataset.TAGS / 2 + random.nextInt(ScaleDataset.TAGS / 2)) + "\"";
    return "{\"albumId\":" + (1 + random.nextInt(4)) + ",\"title\":\"Upload\",\"description\":\""
        + description + "\",\"tags\":[" + tags + "]}";
  }
}
