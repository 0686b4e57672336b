package dev.hotpath.examples.proof;

import java.util.List;

/** The endpoints the load driver mixes, each with its latency target from issue 18. */
public enum Endpoint {
  /** The first page of the list. */
  LIST("list", 20, 300),
  /** A page deep in the list (page 1 to half the list). */
  LIST_DEEP("list-deep", 10, 300),
  /** Full-text search for one word. */
  SEARCH("search", 15, 500),
  /** The photos of one tag. */
  TAG("tag", 15, 200),
  /** One photo's detail. */
  DETAIL("detail", 24, 200),
  /** One photo's labels through the vision API. */
  LABELS("labels", 14, 200),
  /** An upload, which invalidates by tag. */
  UPLOAD("upload", 2, 200);

  private final String label;
  private final int weight;
  private final int p95TargetMillis;

  Endpoint(String label, int weight, int p95TargetMillis) {
    this.label = label;
    this.weight = weight;
    this.p95TargetMillis = p95TargetMillis;
  }

  /**
   * Returns the name in reports.
   *
   * @return e.g. {@code list-deep}
   */
  public String label() {
    return label;
  }

  /**
   * Returns the share of requests, in percent of the mix.
   *
   * @return the weight; all weights add up to 100
   */
  public int weight() {
    return weight;
  }

  /**
   * Returns the p95 target: listing 300 ms, search 500 ms, tag filter 200 ms, API (detail,
   * labels, upload) 200 ms.
   *
   * @return the target in milliseconds
   */
  public int p95TargetMillis() {
    return p95TargetMillis;
  }

  /**
   * Returns whether the compression target (responses 60-80% smaller) applies: the pages.
   *
   * @return true for list, deep list, search and tag
   */
  public boolean compressible() {
    return List.of(LIST, LIST_DEEP, SEARCH, TAG).contains(this);
  }
}
