package dev.hotpath.pool.internal;

import java.util.Locale;

/**
 * Where the lexical pieces of SQL end, read the way PostgreSQL's lexer reads them: comments,
 * quoted strings and identifiers, dollar quotes, numbers and the type name of a cast. Each method
 * takes the position a piece starts at and returns the position after it, reading every
 * character a bounded number of times, so {@link FingerprintScanner} stays linear on any input.
 * Unterminated pieces run to the end of the input.
 */
final class SqlLexer {

  private SqlLexer() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  // PostgreSQL's dollar-quote tag: [A-Za-z\200-\377_][A-Za-z\200-\377_0-9]*, so any character
  // beyond ASCII (an accent, an emoji) belongs to it, and there is no length limit.
  private static boolean isDollarTagStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
  }

  static int skipSpaces(String sql, int at) {
    while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
      at++;
    }
    return at;
  }

  /** After a {@code --} comment opening at {@code at}: past its newline. */
  static int lineCommentEnd(String sql, int at) {
    int end = sql.indexOf('\n', at + 2);
    return end < 0 ? sql.length() : end + 1;
  }

  /** After a block comment opening at {@code at}; PostgreSQL nests them. */
  static int blockCommentEnd(String sql, int at) {
    int nesting = 0;
    int length = sql.length();
    while (at < length) {
      char c = sql.charAt(at);
      if (c == '/' && at + 1 < length && sql.charAt(at + 1) == '*') {
        nesting++;
        at += 2;
      } else if (c == '*' && at + 1 < length && sql.charAt(at + 1) == '/') {
        nesting--;
        at += 2;
        if (nesting == 0) {
          break;
        }
      } else {
        at++;
      }
    }
    return at;
  }

  /**
   * After the text quoted by the {@code quote} character at {@code at}; a doubled quote is part
   * of it, and with {@code backslashEscapes} (an {@code E'..'} string) so is the character after
   * a backslash.
   */
  static int quotedEnd(String sql, int at, char quote, boolean backslashEscapes) {
    int length = sql.length();
    int i = at + 1;
    while (i < length) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < length && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return length;
  }

  /**
   * After the dollar-quoted string opening at {@code at} ({@code $$..$$}, {@code $tag$..$tag$}),
   * or -1 when the {@code $} there opens none. Linear: the tag holds no {@code $}, so the text
   * compared at each candidate {@code $} ends before the next one.
   */
  static int dollarQuoteEnd(String sql, int at) {
    int length = sql.length();
    int tagEnd = at + 1;
    if (tagEnd < length && isDollarTagStart(sql.charAt(tagEnd))) {
      while (tagEnd < length
          && (isDollarTagStart(sql.charAt(tagEnd)) || isDigit(sql.charAt(tagEnd)))) {
        tagEnd++;
      }
    }
    if (tagEnd >= length || sql.charAt(tagEnd) != '$') {
      return -1;
    }
    String tag = sql.substring(at, tagEnd + 1);
    int close = sql.indexOf(tag, tagEnd + 1);
    return close < 0 ? length : close + tag.length();
  }

  /** After the number starting at {@code at}: decimal, exponent, hex, binary, octal, {@code _}. */
  static int numberEnd(String sql, int at) {
    int length = sql.length();
    char prefix = at + 1 < length ? sql.charAt(at + 1) : '\0';
    if (sql.charAt(at) == '0' && (prefix == 'x' || prefix == 'X') && at + 2 < length
        && isHex(sql.charAt(at + 2))) {
      at += 2;
      while (at < length && (isHex(sql.charAt(at)) || sql.charAt(at) == '_')) {
        at++;
      }
      return at;
    }
    if (sql.charAt(at) == '0' && (prefix == 'b' || prefix == 'B' || prefix == 'o' || prefix == 'O')
        && at + 2 < length && isDigit(sql.charAt(at + 2))) {
      return digitsEnd(sql, at + 2);
    }
    at = digitsEnd(sql, at);
    if (at < length && sql.charAt(at) == '.') {
      at = digitsEnd(sql, at + 1);
    }
    if (at < length && (sql.charAt(at) == 'e' || sql.charAt(at) == 'E')) {
      int sign = at + 1 < length && (sql.charAt(at + 1) == '+' || sql.charAt(at + 1) == '-') ? 1 : 0;
      if (at + 1 + sign < length && isDigit(sql.charAt(at + 1 + sign))) {
        at = digitsEnd(sql, at + 1 + sign);
      }
    }
    return at;
  }

  private static int digitsEnd(String sql, int at) {
    while (at < sql.length() && (isDigit(sql.charAt(at)) || sql.charAt(at) == '_')) {
      at++;
    }
    return at;
  }

  /** Whether a number starts at {@code at}, after any whitespace. */
  static boolean numberFollows(String sql, int at) {
    at = skipSpaces(sql, at);
    if (at >= sql.length()) {
      return false;
    }
    char c = sql.charAt(at);
    return isDigit(c) || (c == '.' && at + 1 < sql.length() && isDigit(sql.charAt(at + 1)));
  }

  /**
   * After the type name of a cast that follows {@code ::} at {@code at}: {@code int},
   * {@code pg_catalog.int4}, {@code "My Type"}, {@code numeric(10, 2)},
   * {@code double precision}, {@code character varying(20)},
   * {@code timestamp with time zone}, {@code text[]}.
   */
  static int castTypeEnd(String sql, int at) {
    int length = sql.length();
    at = skipSpaces(sql, at);
    if (at < length && sql.charAt(at) == '"') {
      at = quotedEnd(sql, at, '"', false);
    } else {
      int start = at;
      while (at < length && (isWordPart(sql.charAt(at)) || sql.charAt(at) == '.')) {
        at++;
      }
      String type = sql.substring(start, at).toUpperCase(Locale.ROOT);
      if (type.equals("DOUBLE")) {
        at = wordEndIf(sql, at, "PRECISION");
      } else if (type.equals("CHARACTER") || type.equals("CHAR") || type.equals("BIT")
          || type.equals("NATIONAL")) {
        at = wordEndIf(sql, wordEndIf(sql, at, "CHARACTER"), "VARYING");
      }
      at = typeArgumentsEnd(sql, at);
      if (type.equals("TIMESTAMP") || type.equals("TIME")) {
        int zone = wordEndIf(sql, at, "WITH");
        if (zone == at) {
          zone = wordEndIf(sql, at, "WITHOUT");
        }
        if (zone != at) {
          at = wordEndIf(sql, wordEndIf(sql, zone, "TIME"), "ZONE");
        }
      }
    }
    while (true) {
      int open = skipSpaces(sql, at);
      if (open >= length || sql.charAt(open) != '[') {
        return at;
      }
      int close = open + 1;
      while (close < length && (isDigit(sql.charAt(close)) || sql.charAt(close) == ' ')) {
        close++;
      }
      if (close >= length || sql.charAt(close) != ']') {
        return at;
      }
      at = close + 1;
    }
  }

  /** After {@code word} (any case, after whitespace) when it is next, else {@code at}. */
  private static int wordEndIf(String sql, int at, String word) {
    int start = skipSpaces(sql, at);
    int end = start + word.length();
    if (end <= sql.length() && sql.regionMatches(true, start, word, 0, word.length())
        && (end == sql.length() || !isWordPart(sql.charAt(end)))) {
      return end;
    }
    return at;
  }

  /** After {@code (10)} or {@code (10, 2)} following a type name; else {@code at}. */
  private static int typeArgumentsEnd(String sql, int at) {
    int length = sql.length();
    int i = skipSpaces(sql, at);
    if (i >= length || sql.charAt(i) != '(') {
      return at;
    }
    i++;
    while (i < length && (isDigit(sql.charAt(i)) || sql.charAt(i) == ','
        || Character.isWhitespace(sql.charAt(i)))) {
      i++;
    }
    return i < length && sql.charAt(i) == ')' ? i + 1 : at;
  }
}
