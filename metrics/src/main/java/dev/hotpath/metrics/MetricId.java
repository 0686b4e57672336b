package dev.hotpath.metrics;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a metric series is: a name plus tags, as Micrometer has it:
 * {@code hotpath.pool.statement{fingerprint=SELECT ..., pool=main}}. The name says what is
 * measured and comes from code; the instance and every value taken from traffic are tags, never
 * part of the name.
 *
 * <ul>
 *   <li>A <b>name</b> is 1 to {@value #MAX_NAME_LENGTH} characters of lower-case dotted words:
 *       {@code [a-z][a-z0-9_]*} separated by single dots ({@code hotpath.cache.load}).
 *   <li>A <b>tag key</b> is one such word of at most {@value #MAX_KEY_LENGTH} characters;
 *       {@value #RESERVED_KEY} is reserved for the statistic a binding exports. At most
 *       {@value #MAX_TAGS} tags.
 *   <li>A <b>tag value</b> follows {@link TagValues}' rule, the same in every module.
 * </ul>
 *
 * <p>Tags are kept sorted by key, so equal sets of tags in any order give equal ids. Instances
 * are immutable, thread-safe values; {@link #tag} returns a new id.
 */
public final class MetricId implements Comparable<MetricId> {
  /** The longest name accepted, in characters. */
  public static final int MAX_NAME_LENGTH = 100;

  /** The longest tag key accepted, in characters. */
  public static final int MAX_KEY_LENGTH = 32;

  /** The most tags one id carries. */
  public static final int MAX_TAGS = 8;

  /** The tag key no id may use: bindings add it to tell the exported statistics apart. */
  public static final String RESERVED_KEY = "statistic";

  /** The value every tag of a name's overflow series carries; see {@link #overflow()}. */
  public static final String OVERFLOW_VALUE = "other";

  private static final String[] NO_TAGS = new String[0];
  // ", " followed by a key and '=' starts a tag; anything else belongs to the value.
  private static final Pattern TAG_SEPARATOR = Pattern.compile(", (?=[a-z][a-z0-9_]*=)");

  private final String name;
  // key0, value0, key1, value1, ... sorted by key; never shared with a caller
  private final String[] tags;
  private final int hash;

  private MetricId(String name, String[] tags) {
    this.name = name;
    this.tags = tags;
    this.hash = 31 * name.hashCode() + Arrays.hashCode(tags);
  }

  /**
   * Creates an id without tags.
   *
   * @param name lower-case dotted words, such as {@code "hotpath.pool.acquire"}
   * @return the id
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} breaks the name rule
   */
  public static MetricId of(String name) {
    Objects.requireNonNull(name, "metric name must not be null");
    if (name.length() > MAX_NAME_LENGTH || !dottedWords(name)) {
      throw new IllegalArgumentException("metric name must be 1 to " + MAX_NAME_LENGTH
          + " characters of lower-case dotted words ([a-z][a-z0-9_]* separated by '.'), was '"
          + TagValues.printable(name.length() > 120 ? name.substring(0, 120) + "…" : name) + "'");
    }
    return new MetricId(name, NO_TAGS);
  }

  /**
   * Creates an id with one tag.
   *
   * @param name see {@link #of(String)}
   * @param key the tag key
   * @param value the tag value
   * @return the id
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an argument breaks its rule
   */
  public static MetricId of(String name, String key, String value) {
    return of(name).tag(key, value);
  }

  /**
   * Returns an id with one more tag, or with the value of {@code key} replaced.
   *
   * @param key a lower-case word ({@code [a-z][a-z0-9_]*}), at most {@value #MAX_KEY_LENGTH}
   *     characters, not {@value #RESERVED_KEY}
   * @param value a value {@link TagValues#requireValid} accepts; pass text from traffic through
   *     {@link TagValues#bounded} first
   * @return the new id
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the key or value breaks its rule, or the id would carry
   *     more than {@value #MAX_TAGS} tags
   */
  public MetricId tag(String key, String value) {
    Objects.requireNonNull(key, "tag key must not be null");
    if (key.length() > MAX_KEY_LENGTH || key.indexOf('.') >= 0 || !dottedWords(key)) {
      throw new IllegalArgumentException("tag key must be 1 to " + MAX_KEY_LENGTH
          + " characters of [a-z][a-z0-9_]*, was '"
          + TagValues.printable(key.length() > 40 ? key.substring(0, 40) + "…" : key) + "'");
    }
    if (key.equals(RESERVED_KEY)) {
      throw new IllegalArgumentException("tag key '" + RESERVED_KEY + "' is reserved for bindings");
    }
    TagValues.requireValid(value);
    int at = 0;
    while (at < tags.length && tags[at].compareTo(key) < 0) {
      at += 2;
    }
    String[] next;
    if (at < tags.length && tags[at].equals(key)) {
      next = tags.clone();
    } else {
      if (tags.length / 2 >= MAX_TAGS) {
        throw new IllegalArgumentException("a metric id carries at most " + MAX_TAGS
            + " tags; " + this + " cannot take '" + key + "'");
      }
      next = new String[tags.length + 2];
      System.arraycopy(tags, 0, next, 0, at);
      System.arraycopy(tags, at, next, at + 2, tags.length - at);
      next[at] = key;
    }
    next[at + 1] = value;
    return new MetricId(name, next);
  }

  /**
   * Returns the name.
   *
   * @return the name, such as {@code "hotpath.pool.statement"}
   */
  public String name() {
    return name;
  }

  /**
   * Returns the tags, sorted by key.
   *
   * @return an unmodifiable map from key to value
   */
  public Map<String, String> tags() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < tags.length; i += 2) {
      map.put(tags[i], tags[i + 1]);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Returns the value of one tag.
   *
   * @param key the tag key
   * @return the value, or empty when the id has no such tag
   */
  public Optional<String> tagValue(String key) {
    for (int i = 0; i < tags.length; i += 2) {
      if (tags[i].equals(key)) {
        return Optional.of(tags[i + 1]);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the series that takes this id's values once its name has as many series as a
   * registry allows: the same name and tag keys, every value {@value #OVERFLOW_VALUE}. Keeping
   * the keys keeps every series of a name exportable side by side (Prometheus wants one set of
   * label names per metric).
   *
   * @return the overflow id of this id's name and keys
   */
  public MetricId overflow() {
    String[] next = tags.clone();
    for (int i = 1; i < next.length; i += 2) {
      next[i] = OVERFLOW_VALUE;
    }
    return new MetricId(name, next);
  }

  /**
   * Tells whether this is an overflow id, every tag valued {@value #OVERFLOW_VALUE}.
   *
   * @return true for an id with tags that all carry {@value #OVERFLOW_VALUE}
   */
  public boolean isOverflow() {
    if (tags.length == 0) {
      return false;
    }
    for (int i = 1; i < tags.length; i += 2) {
      if (!tags[i].equals(OVERFLOW_VALUE)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Orders by name, then by tags (keys and values, in key order).
   *
   * @param other the id to compare with
   * @return negative, zero or positive
   */
  @Override
  public int compareTo(MetricId other) {
    int byName = name.compareTo(other.name);
    if (byName != 0) {
      return byName;
    }
    return Arrays.compare(tags, other.tags);
  }

  /**
   * Compares name and tags.
   *
   * @param other the object to compare with
   * @return true if {@code other} is an id with the same name and tags
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof MetricId that && hash == that.hash && name.equals(that.name)
        && Arrays.equals(tags, that.tags);
  }

  /**
   * Hashes name and tags.
   *
   * @return the hash
   */
  @Override
  public int hashCode() {
    return hash;
  }

  /**
   * Reads the text form {@link #toString()} writes: {@code name} or
   * {@code name{key=value, key=value}}, tags in any order. A value may hold any character its
   * rule allows except the sequence {@code ", <key>="}, which starts the next tag; an id whose
   * value holds it can be made with {@link #tag} but not written as text.
   *
   * @param text the text form, such as {@code "hotpath.cache.load{cache=photos}"}
   * @return the id
   * @throws NullPointerException if {@code text} is null
   * @throws IllegalArgumentException naming the text when it does not read as an id, or when a
   *     name, key or value breaks its rule
   */
  public static MetricId parse(String text) {
    Objects.requireNonNull(text, "metric id text must not be null");
    int open = text.indexOf('{');
    if (open < 0) {
      return of(text);
    }
    if (!text.endsWith("}") || open == text.length() - 2) {
      throw new IllegalArgumentException("metric id '" + TagValues.printable(text)
          + "' does not read as name{key=value, ...}");
    }
    MetricId id = of(text.substring(0, open));
    for (String tag : TAG_SEPARATOR.split(text.substring(open + 1, text.length() - 1), -1)) {
      int equals = tag.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("metric id '" + TagValues.printable(text)
            + "' has a tag without '=': '" + TagValues.printable(tag) + "'");
      }
      id = id.tag(tag.substring(0, equals), tag.substring(equals + 1));
    }
    return id;
  }

  /**
   * Returns {@code name{key=value, key=value}}, or the bare name without tags.
   *
   * @return the text form
   */
  @Override
  public String toString() {
    if (tags.length == 0) {
      return name;
    }
    StringBuilder out = new StringBuilder(name).append('{');
    for (int i = 0; i < tags.length; i += 2) {
      out.append(i == 0 ? "" : ", ").append(tags[i]).append('=').append(tags[i + 1]);
    }
    return out.append('}').toString();
  }

  private static boolean dottedWords(String text) {
    boolean wordStart = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (wordStart) {
        if (c < 'a' || c > 'z') {
          return false;
        }
        wordStart = false;
      } else if (c == '.') {
        wordStart = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
        return false;
      }
    }
    return !wordStart;
  }
}
