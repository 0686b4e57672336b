package dev.hotpath.examples.proof;

import java.util.Locale;

/** The three builds of the same gallery service that the proof compares. */
public enum ProofMode {
  /**
   * Written the obvious way: OFFSET pages, one tag query per photo, no cache, no compression or
   * validators, the vision API called synchronously per request.
   */
  NAIVE,
  /**
   * hotpath's blocks: keyset pages, {@code BatchLoader}, {@code TieredCache} with tags (and
   * Redis when {@code HOTPATH_REDIS_URI} is set), ETag, gzip and de-dup filters, the vision API
   * behind a {@code Guard} and a {@code BatchProcessor}.
   */
  HOTPATH,
  /** {@link #HOTPATH} with every cache off: what the blocks cost at the naive build's work. */
  HOTPATH_NO_CACHE;

  /**
   * Returns the mode's name on command lines and in reports: {@code naive}, {@code hotpath},
   * {@code hotpath-no-cache}.
   *
   * @return the label
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Returns whether the mode uses hotpath's blocks.
   *
   * @return false only for {@link #NAIVE}
   */
  public boolean blocks() {
    return this != NAIVE;
  }

  /**
   * Returns whether the mode caches.
   *
   * @return true only for {@link #HOTPATH}
   */
  public boolean caching() {
    return this == HOTPATH;
  }

  /**
   * Parses a {@link #label()}.
   *
   * @param label e.g. {@code hotpath-no-cache}
   * @return the mode
   * @throws IllegalArgumentException naming the label and the valid ones
   */
  public static ProofMode of(String label) {
    for (ProofMode mode : values()) {
      if (mode.label().equals(label)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "mode must be naive, hotpath or hotpath-no-cache, was " + label);
  }
}
