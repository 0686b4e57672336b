package dev.hotpath.pool.internal;

import dev.hotpath.pool.QueryKind;
import java.util.Arrays;

/**
 * One left-to-right pass over a SQL string that writes its fingerprint: values become {@code ?},
 * value-only {@code IN} lists become {@code (?+)}, repeated {@code VALUES} rows fold into the first
 * row plus {@code +}, comments go, whitespace folds. No regular expressions and no backtracking:
 * every input character is read a bounded number of times, so huge or hostile input costs linear
 * time. Folding works by remembering where each open parenthesis was written and cutting the
 * output back to it when the group closes.
 */
public final class FingerprintScanner {

  /** The result of a scan. @param text the fingerprint text @param kind the statement kind */
  public record Scan(String text, QueryKind kind) {}

  private static final int MAX_DOLLAR_TAG = 64;

  private static final byte PLAIN = 0;
  private static final byte IN_EMPTY = 1;      // "IN (" seen, nothing inside yet
  private static final byte IN_VALUE = 2;      // last inside was a value
  private static final byte IN_COMMA = 3;      // last inside was a comma after a value
  private static final byte IN_MIXED = 4;      // something other than values: keep as written
  private static final byte VALUES_ROW = 5;

  private static final int WORD_OTHER = 0;
  private static final int WORD_IN = 1;
  private static final int WORD_VALUES = 2;

  private final String sql;
  private final int length;
  private final StringBuilder out;
  private int pos;
  private boolean pendingSpace;
  private int lastWord = WORD_OTHER;

  private int depth;
  private int[] openedAt = new int[8];
  private byte[] frame = new byte[8];

  private int valuesDepth = -1;
  private int firstRowStart = -1;
  private int firstRowEnd = -1;
  private int foldedEnd = -1;
  private boolean folding;

  private QueryKind kind;
  private boolean awaitingMainStatement;
  private int withDepth;

  private FingerprintScanner(String sql) {
    this.sql = sql;
    this.length = sql.length();
    this.out = new StringBuilder(Math.min(length, 1 << 16));
  }

  /**
   * Scans one statement.
   *
   * @param sql the statement
   * @param maxLength the longest text to return; longer text is cut and ends in an ellipsis
   * @return the fingerprint text and kind
   */
  public static Scan scan(String sql, int maxLength) {
    FingerprintScanner scanner = new FingerprintScanner(sql);
    scanner.run();
    return new Scan(scanner.text(maxLength), scanner.kind == null ? QueryKind.OTHER : scanner.kind);
  }

  private void run() {
    while (pos < length) {
      char c = sql.charAt(pos);
      if (Character.isWhitespace(c)) {
        pendingSpace = true;
        pos++;
      } else if (c == '-' && next(1) == '-') {
        skipLineComment();
      } else if (c == '/' && next(1) == '*') {
        skipBlockComment();
      } else if (c == '\'') {
        skipQuoted(pos, false);
      } else if (c == '"' || c == '`') {
        copyQuotedIdentifier(c);
      } else if (c == '$') {
        dollar();
      } else if (isDigit(c) || (c == '.' && isDigit(next(1)) && !followsIdentifier())) {
        skipNumber();
        value();
      } else if (isWordStart(c)) {
        word();
      } else if (c == '?') {
        pos++;
        value();
      } else if (c == '(') {
        pos++;
        open();
      } else if (c == ')') {
        pos++;
        close();
      } else if (c == ',') {
        pos++;
        comma();
      } else {
        pos++;
        symbol(c);
      }
    }
  }

  private char next(int ahead) {
    int at = pos + ahead;
    return at < length ? sql.charAt(at) : '\0';
  }

  private boolean followsIdentifier() {
    if (pos == 0) {
      return false;
    }
    char before = sql.charAt(pos - 1);
    return isWordPart(before) || before == '"' || before == ')' || before == ']';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isWordStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  // ---- skipping what a fingerprint leaves out ----

  private void skipLineComment() {
    int end = sql.indexOf('\n', pos + 2);
    pos = end < 0 ? length : end + 1;
    pendingSpace = true;
  }

  /** PostgreSQL nests block comments; an unterminated one runs to the end. */
  private void skipBlockComment() {
    int nesting = 0;
    while (pos < length) {
      char c = sql.charAt(pos);
      if (c == '/' && next(1) == '*') {
        nesting++;
        pos += 2;
      } else if (c == '*' && next(1) == '/') {
        nesting--;
        pos += 2;
        if (nesting == 0) {
          break;
        }
      } else {
        pos++;
      }
    }
    pendingSpace = true;
  }

  /** Skips a quoted string whose opening quote is at {@code quote}; doubled quotes escape. */
  private void skipQuoted(int quote, boolean backslashEscapes) {
    int i = quote + 1;
    while (i < length) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < length && sql.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          i++;
          break;
        }
      } else {
        i++;
      }
    }
    pos = Math.min(i, length);
    value();
  }

  private void skipNumber() {
    if (sql.charAt(pos) == '0' && (next(1) == 'x' || next(1) == 'X') && isHex(next(2))) {
      pos += 2;
      while (pos < length && (isHex(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
        pos++;
      }
      return;
    }
    skipDigits();
    if (pos < length && sql.charAt(pos) == '.') {
      pos++;
      skipDigits();
    }
    if (pos < length && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
      int sign = (next(1) == '+' || next(1) == '-') ? 1 : 0;
      if (isDigit(next(1 + sign))) {
        pos += 1 + sign;
        skipDigits();
      }
    }
  }

  private void skipDigits() {
    while (pos < length && (isDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
      pos++;
    }
  }

  private static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** {@code $1} is a parameter, {@code $$..$$} and {@code $tag$..$tag$} are strings. */
  private void dollar() {
    if (isDigit(next(1))) {
      pos++;
      skipDigits();
      value();
      return;
    }
    int tagEnd = pos + 1;
    if (tagEnd < length && isWordStart(sql.charAt(tagEnd))) {
      while (tagEnd < length && tagEnd - pos <= MAX_DOLLAR_TAG
          && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
        tagEnd++;
      }
    }
    if (tagEnd < length && sql.charAt(tagEnd) == '$') {
      String tag = sql.substring(pos, tagEnd + 1);
      int close = sql.indexOf(tag, tagEnd + 1);
      pos = close < 0 ? length : close + tag.length();
      value();
    } else {
      pos++;
      symbol('$');
    }
  }

  // ---- writing tokens ----

  private void separate(char first) {
    int at = out.length();
    if (at > 0) {
      char last = out.charAt(at - 1);
      boolean space = pendingSpace || last == ',';
      if (last == '(' || first == ')' || first == ',') {
        space = false;
      } else if (first == '(' && lastWord != WORD_OTHER) {
        space = true;
      }
      if (space) {
        out.append(' ');
      }
    }
    pendingSpace = false;
  }

  private void value() {
    leaveValuesUnless('?');
    separate('?');
    out.append('?');
    byte top = top();
    if (top == IN_EMPTY || top == IN_COMMA) {
      frame[depth] = IN_VALUE;
    } else if (top == IN_VALUE) {
      frame[depth] = IN_MIXED;
    }
    lastWord = WORD_OTHER;
  }

  private void word() {
    int start = pos;
    while (pos < length && isWordPart(sql.charAt(pos))) {
      pos++;
    }
    int wordLength = pos - start;
    if (wordLength == 1 && pos < length && isStringPrefix(sql.charAt(start))) {
      if (sql.charAt(pos) == '\'') {
        skipQuoted(pos, sql.charAt(start) == 'e' || sql.charAt(start) == 'E');
        return;
      }
      if ((sql.charAt(start) == 'u' || sql.charAt(start) == 'U') && sql.charAt(pos) == '&'
          && next(1) == '\'') {
        skipQuoted(pos + 1, false);
        return;
      }
    }
    leaveValuesUnless('w');
    separate('w');
    out.append(sql, start, pos);
    markMixed();
    classify(start, wordLength);
  }

  private static boolean isStringPrefix(char c) {
    return switch (c) {
      case 'e', 'E', 'n', 'N', 'b', 'B', 'x', 'X', 'u', 'U' -> true;
      default -> false;
    };
  }

  private void classify(int start, int wordLength) {
    lastWord = WORD_OTHER;
    if (is(start, wordLength, "IN")) {
      lastWord = WORD_IN;
    } else if (is(start, wordLength, "VALUES")) {
      lastWord = WORD_VALUES;
      if (valuesDepth < 0) {
        valuesDepth = depth;
        firstRowStart = -1;
        folding = true;
      }
    }
    QueryKind statement = statementKind(start, wordLength);
    if (kind == null && !awaitingMainStatement) {
      if (is(start, wordLength, "WITH")) {
        awaitingMainStatement = true;
        withDepth = depth;
      } else {
        kind = statement == null ? QueryKind.OTHER : statement;
      }
    } else if (awaitingMainStatement && depth == withDepth && statement != null) {
      kind = statement;
      awaitingMainStatement = false;
    }
  }

  private QueryKind statementKind(int start, int wordLength) {
    if (is(start, wordLength, "SELECT")) {
      return QueryKind.SELECT;
    } else if (is(start, wordLength, "INSERT")) {
      return QueryKind.INSERT;
    } else if (is(start, wordLength, "UPDATE")) {
      return QueryKind.UPDATE;
    } else if (is(start, wordLength, "DELETE")) {
      return QueryKind.DELETE;
    }
    return null;
  }

  private boolean is(int start, int wordLength, String keyword) {
    return wordLength == keyword.length() && sql.regionMatches(true, start, keyword, 0, wordLength);
  }

  private void copyQuotedIdentifier(char quote) {
    int start = pos;
    int i = pos + 1;
    while (i < length) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < length && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        i++;
        break;
      }
      i++;
    }
    pos = Math.min(i, length);
    leaveValuesUnless('w');
    separate('"');
    out.append(sql, start, pos);
    markMixed();
    lastWord = WORD_OTHER;
  }

  private void symbol(char c) {
    leaveValuesUnless(c);
    separate(c);
    out.append(c);
    markMixed();
    lastWord = WORD_OTHER;
  }

  private void comma() {
    leaveValuesUnless(',');
    separate(',');
    out.append(',');
    byte top = top();
    if (top == IN_VALUE) {
      frame[depth] = IN_COMMA;
    } else if (top == IN_EMPTY || top == IN_COMMA) {
      frame[depth] = IN_MIXED;
    }
    lastWord = WORD_OTHER;
  }

  private void open() {
    leaveValuesUnless('(');
    separate('(');
    byte kindOfGroup = PLAIN;
    if (lastWord == WORD_IN) {
      kindOfGroup = IN_EMPTY;
    } else if (valuesDepth == depth) {
      kindOfGroup = VALUES_ROW;
    }
    markMixed();
    push(kindOfGroup);
    out.append('(');
    lastWord = WORD_OTHER;
  }

  private void close() {
    if (depth == 0) {
      symbol(')');
      return;
    }
    separate(')');
    byte group = frame[depth];
    int start = openedAt[depth];
    depth--;
    if (group == IN_VALUE) {
      out.setLength(start);
      out.append("(?+)");
    } else {
      out.append(')');
      if (group == VALUES_ROW && valuesDepth == depth) {
        foldRow(start);
      }
    }
    if (valuesDepth > depth) {
      valuesDepth = -1;
    }
    lastWord = WORD_OTHER;
  }

  /** The first row stays followed by '+'; later rows equal to it are cut away. */
  private void foldRow(int rowStart) {
    int rowEnd = out.length();
    if (firstRowStart < 0) {
      firstRowStart = rowStart;
      firstRowEnd = rowEnd;
      out.append('+');
      foldedEnd = out.length();
    } else if (folding && rowEnd - rowStart == firstRowEnd - firstRowStart
        && sameText(rowStart, firstRowStart, rowEnd - rowStart)) {
      out.setLength(foldedEnd);
    } else {
      folding = false;
    }
  }

  private boolean sameText(int a, int b, int count) {
    for (int i = 0; i < count; i++) {
      if (out.charAt(a + i) != out.charAt(b + i)) {
        return false;
      }
    }
    return true;
  }

  /** A VALUES list ends at the first token at its level that is neither a row nor a comma. */
  private void leaveValuesUnless(char token) {
    if (valuesDepth == depth && token != '(' && token != ',' && lastWord != WORD_VALUES) {
      valuesDepth = -1;
    }
  }

  private void markMixed() {
    byte top = top();
    if (top >= IN_EMPTY && top <= IN_COMMA) {
      frame[depth] = IN_MIXED;
    }
  }

  private byte top() {
    return depth == 0 ? PLAIN : frame[depth];
  }

  private void push(byte group) {
    depth++;
    if (depth == frame.length) {
      frame = Arrays.copyOf(frame, depth * 2);
      openedAt = Arrays.copyOf(openedAt, depth * 2);
    }
    frame[depth] = group;
    openedAt[depth] = out.length();
  }

  private String text(int maxLength) {
    int end = out.length();
    while (end > 0 && (out.charAt(end - 1) == ';' || out.charAt(end - 1) == ' ')) {
      end--;
    }
    if (end > maxLength) {
      return out.substring(0, maxLength - 1) + '…';
    }
    return out.substring(0, end);
  }
}
