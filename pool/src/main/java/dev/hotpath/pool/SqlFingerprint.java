package dev.hotpath.pool;

import dev.hotpath.core.Check;
import dev.hotpath.pool.internal.FingerprintScanner;

/**
 * The shape of a SQL statement with every value taken out: what statements are grouped by in
 * metrics, events and N+1 detection.
 *
 * <p>{@link #of(String)} reads the SQL once, left to right, and:
 * <ul>
 *   <li>replaces string literals ({@code 'it''s'}, {@code E'a\'b'}, {@code N'x'}, {@code X'ff'},
 *       {@code U&'x' UESCAPE '!'}, continuations across lines), PostgreSQL dollar-quoted strings
 *       ({@code $$..$$}, {@code $tag$..$tag$} with a tag of any length and any characters
 *       PostgreSQL accepts), numbers ({@code 42}, {@code -1.5e3}, {@code 0xff}, {@code 0b101};
 *       a minus where no operand precedes it is part of the number), positional parameters
 *       ({@code $1}), {@code TRUE}, {@code FALSE} and, in SELECT, INSERT, UPDATE and DELETE,
 *       {@code NULL} (but not {@code IS [NOT] NULL/TRUE/FALSE}) with {@code ?};
 *   <li>treats a cast of a literal as the literal: {@code '5'::int}, {@code CAST('5' AS int)},
 *       {@code DATE '2024-01-01'} all become {@code ?};
 *   <li>turns an {@code IN} list of any length that holds only values into {@code IN (?+)}, and
 *       the rows of a {@code VALUES} list that all have the first row's shape into that row
 *       followed by {@code +} ({@code VALUES (?, ?)+});
 *   <li>drops {@code --} and (nested) {@code /* *}{@code /} comments and trailing semicolons;
 *   <li>writes keywords in upper case and other unquoted words in lower case (PostgreSQL folds
 *       unquoted names), and folds whitespace: one space between tokens, none inside
 *       parentheses, one after a comma.
 * </ul>
 * So statements PostgreSQL's own normalisation (the query identifier pg_stat_statements groups
 * by) sees as one shape get one fingerprint, with one deliberate difference: hotpath is coarser,
 * folding IN lists and VALUES rows of any length and literals of any type or cast, where
 * PostgreSQL tells them apart. Quoted identifiers ({@code "Name"}, {@code `name`}) are kept as
 * written. Backslashes escape only inside {@code E'..'} strings (standard SQL and PostgreSQL's
 * {@code standard_conforming_strings}). Unterminated quotes and comments run to the end of the
 * input. The text is cut at {@value #MAX_LENGTH} characters (ending in {@code …}) so that a
 * hostile or generated statement cannot make a fingerprint of unbounded size; cost is linear in
 * the input length.
 *
 * <p>Instances are immutable, thread-safe values compared by their text.
 */
public final class SqlFingerprint {

  /** The longest fingerprint text; longer shapes are cut and end in {@code …}. */
  public static final int MAX_LENGTH = 4096;

  private final String text;
  private final QueryKind kind;

  private SqlFingerprint(String text, QueryKind kind) {
    this.text = text;
    this.kind = kind;
  }

  /**
   * Computes the fingerprint of a statement, without any caching.
   *
   * @param sql the statement as sent to the driver
   * @return its fingerprint
   * @throws NullPointerException if {@code sql} is null
   */
  public static SqlFingerprint of(String sql) {
    Check.notNull(sql, "sql");
    FingerprintScanner.Scan scan = FingerprintScanner.scan(sql, MAX_LENGTH);
    return new SqlFingerprint(scan.text(), scan.kind());
  }

  /**
   * Returns the normalised statement text, for example
   * {@code SELECT * FROM photo WHERE owner = ? AND id IN (?+)}.
   *
   * @return the text, never longer than {@value #MAX_LENGTH} characters
   */
  public String text() {
    return text;
  }

  /**
   * Returns what the statement does.
   *
   * @return the kind read from the leading keyword
   */
  public QueryKind kind() {
    return kind;
  }

  /**
   * Compares by text.
   *
   * @param other the object to compare with
   * @return true if {@code other} is a fingerprint with the same text
   */
  @Override
  public boolean equals(Object other) {
    return other instanceof SqlFingerprint that && text.equals(that.text);
  }

  /**
   * Hashes the text.
   *
   * @return the hash of the text
   */
  @Override
  public int hashCode() {
    return text.hashCode();
  }

  /**
   * Returns the text.
   *
   * @return {@link #text()}
   */
  @Override
  public String toString() {
    return text;
  }
}
