package dev.hotpath.servlet.internal;

/**
 * The identity of a de-duplicated request. It holds header values (Authorization, Cookie), so
 * it never shows them: {@link #toString()}, which is what ends up in exception messages and
 * logs, names only a hash of the key.
 */
public final class DedupKey {
  private final String key;

  /**
   * Wraps the key text.
   *
   * @param key the unambiguous key text
   */
  public DedupKey(String key) {
    this.key = key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DedupKey that && key.equals(that.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  /** Returns a hash of the key, never its text. */
  @Override
  public String toString() {
    return "dedup key #" + Integer.toHexString(key.hashCode());
  }
}
