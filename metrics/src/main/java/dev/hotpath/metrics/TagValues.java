package dev.hotpath.metrics;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The one rule for tag values of every hotpath metric, and for the names of the instances those
 * tags name (pools, caches, guards). Shared by every module so that a value accepted by one is
 * accepted by all, and a user sees one rule in every message.
 *
 * <ul>
 *   <li><b>Tag value</b>: 1 to {@value #MAX_LENGTH} characters, not blank, no control
 *       characters. Values that come from configuration are checked with {@link #requireValid};
 *       values that come from traffic or from code the host wrote (SQL fingerprints, routes) go
 *       through {@link #bounded}, which never fails.
 *   <li><b>Instance name</b>: 1 to {@value #MAX_INSTANCE_NAME_LENGTH} of {@code [A-Za-z0-9._-]},
 *       checked with {@link #requireInstanceName}: short, printable in any log or URL, and a
 *       valid tag value.
 * </ul>
 *
 * <p>All methods are static, thread-safe and allocation-free when the value is already valid.
 */
public final class TagValues {
  /** The longest tag value accepted, in characters. */
  public static final int MAX_LENGTH = 200;

  /** The longest instance name accepted, in characters. */
  public static final int MAX_INSTANCE_NAME_LENGTH = 64;

  /** How many hexadecimal digits of the hash end a value shortened by {@link #bounded}. */
  private static final int HASH_DIGITS = 16;

  private TagValues() {}

  /**
   * Returns the rule {@code value} breaks, or {@code null} when it is a valid tag value.
   *
   * @param value the candidate value, possibly null
   * @return a message naming the value and the rule, or {@code null}
   */
  public static String problemWith(String value) {
    return problemWith("tag value", value);
  }

  private static String problemWith(String what, String value) {
    if (value == null) {
      return what + " must not be null";
    }
    if (value.isBlank()) {
      return what + " must not be blank, was '" + value + "'";
    }
    if (value.length() > MAX_LENGTH) {
      return what + " must be at most " + MAX_LENGTH + " characters, was " + value.length()
          + " starting '" + printable(value.substring(0, 40)) + "'";
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        return what + " must not contain control characters, was '" + printable(value) + "'";
      }
    }
    return null;
  }

  /**
   * Checks a tag value.
   *
   * @param value the candidate value
   * @return the value
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} breaks another rule of {@link #problemWith}
   */
  public static String requireValid(String value) {
    return requireValid("tag value", value);
  }

  private static String requireValid(String what, String value) {
    String problem = problemWith(what, value);
    if (problem == null) {
      return value;
    }
    if (value == null) {
      throw new NullPointerException(problem);
    }
    throw new IllegalArgumentException(problem);
  }

  /**
   * Turns any text into a valid tag value, without failing: a valid value is returned as it is;
   * any other text becomes its first characters, with control characters shown as {@code ?},
   * followed by {@code ~} and 16 hexadecimal digits of a stable 64-bit hash of the whole text
   * (the same in every JVM and release). Two texts that differ anywhere, even past the prefix,
   * get different values (up to hash collisions, about one in 2<sup>64</sup>); the full text
   * stays wherever the caller keeps it (an event, a report).
   *
   * <p>It shortens; it does not redact. Pass only text that is already free of secrets, such as
   * a SQL fingerprint or a route template.
   *
   * @param text any text; null is treated as {@code "null"}
   * @return a value of at most {@value #MAX_LENGTH} characters that {@link #requireValid} accepts
   */
  public static String bounded(String text) {
    String value = text == null ? "null" : text;
    if (problemWith(value) == null) {
      return value;
    }
    int prefixLength = Math.min(value.length(), MAX_LENGTH - 1 - HASH_DIGITS);
    StringBuilder out = new StringBuilder(prefixLength + 1 + HASH_DIGITS);
    for (int i = 0; i < prefixLength; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    String hash = Long.toHexString(fnv1a64(value));
    out.append('~').append("0".repeat(HASH_DIGITS - hash.length())).append(hash);
    return out.toString();
  }

  /**
   * Checks the name of a pool, cache, guard or other instance that metrics, events and logs
   * carry.
   *
   * @param what what is being named, for the message: {@code "pool name"}, {@code "cache name"}
   * @param name the candidate name
   * @return the name
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is not 1 to
   *     {@value #MAX_INSTANCE_NAME_LENGTH} letters, digits, {@code .}, {@code _} or {@code -}
   */
  public static String requireInstanceName(String what, String name) {
    Objects.requireNonNull(name, () -> what + " must not be null");
    boolean valid = !name.isEmpty() && name.length() <= MAX_INSTANCE_NAME_LENGTH;
    for (int i = 0; valid && i < name.length(); i++) {
      char c = name.charAt(i);
      valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-';
    }
    if (!valid) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_INSTANCE_NAME_LENGTH
          + " letters, digits, '.', '_' or '-', was '"
          + printable(name.length() > 80 ? name.substring(0, 80) + "…" : name) + "'");
    }
    return name;
  }

  // FNV-1a over the UTF-8 bytes: tiny, stable by definition, and good enough to tell apart the
  // few thousand shapes a bounded registry keeps.
  private static long fnv1a64(String text) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }

  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
