package dev.hotpath.pool.internal;

import dev.hotpath.pool.QueryKind;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * One left-to-right pass over a SQL string that writes its fingerprint: values become {@code ?},
 * value-only {@code IN} lists become {@code (?+)}, repeated {@code VALUES} rows fold into the first
 * row plus {@code +}, comments go, whitespace folds. No regular expressions and no backtracking:
 * every input character is read a bounded number of times, so huge or hostile input costs linear
 * time. Folding works by remembering where each open parenthesis was written and cutting the
 * output back to it when the group closes.
 *
 * <p>Where PostgreSQL's own normalisation (the query identifier pg_stat_statements groups by)
 * sees one shape, so does this: keywords are upper-cased and other unquoted words lower-cased
 * (PostgreSQL folds them), a minus in front of a number is part of the literal, {@code TRUE},
 * {@code FALSE} and (in SELECT, INSERT, UPDATE and DELETE) {@code NULL} are values except after
 * {@code IS [NOT]}, and a cast of a literal ({@code '5'::int}, {@code CAST('5' AS int)},
 * {@code DATE '2024-01-01'}) is the literal.
 */
public final class FingerprintScanner {

  /** The result of a scan. @param text the fingerprint text @param kind the statement kind */
  public record Scan(String text, QueryKind kind) {}

  private static final byte PLAIN = 0;
  private static final byte IN_EMPTY = 1;      // "IN (" seen, nothing inside yet
  private static final byte IN_VALUE = 2;      // last inside was a value
  private static final byte IN_COMMA = 3;      // last inside was a comma after a value
  private static final byte IN_MIXED = 4;      // something other than values: keep as written
  private static final byte VALUES_ROW = 5;
  private static final byte CAST_GROUP = 6;    // "CAST (": folds to a value if it casts one

  private static final int WORD_OTHER = 0;
  private static final int WORD_IN = 1;
  private static final int WORD_VALUES = 2;
  private static final int WORD_CAST = 3;

  // What the last written token was, for the decisions that depend on it.
  private static final int T_NONE = 0;
  private static final int T_VALUE = 1;       // a number, parameter or folded literal
  private static final int T_STRING = 2;      // a string literal (also a value)
  private static final int T_KEYWORD = 3;
  private static final int T_NAME = 4;        // an unquoted word that is not a keyword
  private static final int T_OPERAND_END = 5; // ')', ']', a quoted identifier, END
  private static final int T_OPERATOR = 6;    // any other symbol, '(' and ','

  /** Words shown in upper case; every other unquoted word is shown in lower case. */
  private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR",
      "NOT", "IN", "IS", "NULL", "AS", "ON", "JOIN", "LEFT", "RIGHT", "INNER", "OUTER", "FULL",
      "CROSS", "NATURAL", "USING", "GROUP", "BY", "ORDER", "HAVING", "LIMIT", "OFFSET", "FETCH",
      "ROWS", "ONLY", "UNION", "ALL", "DISTINCT", "INTERSECT", "EXCEPT", "INSERT", "INTO",
      "VALUES", "UPDATE", "SET", "DELETE", "RETURNING", "WITH", "RECURSIVE", "CASE", "WHEN",
      "THEN", "ELSE", "END", "EXISTS", "BETWEEN", "LIKE", "ILIKE", "SIMILAR", "ESCAPE", "UESCAPE",
      "ASC", "DESC", "NULLS", "ANY", "SOME", "CAST", "CREATE", "TABLE", "DROP", "ALTER", "ADD",
      "COLUMN", "INDEX", "PRIMARY", "KEY", "FOREIGN", "REFERENCES", "UNIQUE", "CHECK", "DEFAULT",
      "CONSTRAINT", "IF", "CASCADE", "TRUNCATE", "FOR", "SHARE", "NOWAIT", "SKIP", "LOCKED",
      "OVER", "PARTITION", "WINDOW", "CONFLICT", "DO", "NOTHING", "LATERAL", "MERGE", "MATCHED",
      "TRUE", "FALSE", "FILTER", "WITHIN", "COLLATE", "SEQUENCE", "VIEW", "TO",
      "GRANT", "REVOKE", "BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "EXPLAIN",
      "ANALYZE", "CALL");

  /** Type names that make a following string one typed literal: {@code DATE '2024-01-01'}. */
  private static final Set<String> LITERAL_TYPES = Set.of("DATE", "TIME", "TIMESTAMP",
      "TIMESTAMPTZ", "TIMETZ", "INTERVAL", "BOOLEAN", "BOOL", "INT", "INT2", "INT4", "INT8",
      "INTEGER", "SMALLINT", "BIGINT", "REAL", "FLOAT", "FLOAT4", "FLOAT8", "NUMERIC", "DECIMAL",
      "TEXT", "VARCHAR", "CHAR", "JSON", "JSONB", "UUID", "INET", "CIDR", "MACADDR", "BYTEA",
      "MONEY", "XML");

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

  private int lastToken = T_NONE;
  private boolean afterIs;            // the last words were IS or IS NOT
  private boolean lastWordIsType;     // the last token is a word of LITERAL_TYPES
  private int lastWordStart = -1;     // where the last word's separating space began in out
  private byte frameBeforeWord;       // the group state before the last word was written
  private int[] castAt = new int[8];  // per CAST group: where its CAST word began in out
  private byte[] castFrameBefore = new byte[8];

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
        pos = SqlLexer.lineCommentEnd(sql, pos);
        pendingSpace = true;
      } else if (c == '-' && unaryPosition() && SqlLexer.numberFollows(sql, pos + 1)) {
        // PostgreSQL folds the minus into the number: -5 is one literal, as 5 is.
        pos = SqlLexer.numberEnd(sql, SqlLexer.skipSpaces(sql, pos + 1));
        value();
      } else if (c == ':' && next(1) == ':' && (lastToken == T_VALUE || lastToken == T_STRING)) {
        // A cast of a value is still that value: '5'::int and '5' are one shape.
        pos = SqlLexer.castTypeEnd(sql, pos + 2);
        lastToken = T_VALUE;
      } else if (c == '/' && next(1) == '*') {
        pos = SqlLexer.blockCommentEnd(sql, pos);
        pendingSpace = true;
      } else if (c == '\'') {
        skipQuoted(pos, false);
      } else if (c == '"' || c == '`') {
        copyQuotedIdentifier(c);
      } else if (c == '$') {
        dollar();
      } else if (isDigit(c) || (c == '.' && isDigit(next(1)) && !followsIdentifier())) {
        pos = SqlLexer.numberEnd(sql, pos);
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

  /** A minus here negates: nothing before it is an operand (PostgreSQL folds it into the number). */
  private boolean unaryPosition() {
    return lastToken == T_NONE || lastToken == T_OPERATOR
        || (lastToken == T_KEYWORD && !endsWithWord("END"));
  }

  private boolean endsWithWord(String word) {
    int end = out.length();
    int start = end - word.length();
    return start >= 0 && outMatches(start, word)
        && (start == 0 || !isWordPart(out.charAt(start - 1)));
  }

  private boolean followsIdentifier() {
    if (pos == 0) {
      return false;
    }
    char before = sql.charAt(pos - 1);
    return isWordPart(before) || before == '"' || before == ')' || before == ']';
  }

  private static boolean isDigit(char c) {
    return SqlLexer.isDigit(c);
  }

  private static boolean isWordStart(char c) {
    return SqlLexer.isWordStart(c);
  }

  private static boolean isWordPart(char c) {
    return SqlLexer.isWordPart(c);
  }

  // ---- skipping what a fingerprint leaves out ----

  /** Skips a quoted string whose opening quote is at {@code quote}; doubled quotes escape. */
  private void skipQuoted(int quote, boolean backslashEscapes) {
    pos = SqlLexer.quotedEnd(sql, quote, '\'', backslashEscapes);
    stringValue();
  }

  /**
   * Writes a string literal as a value. A string right after another is its continuation (SQL
   * joins literals separated by a newline); after a type name it is a typed literal, one value
   * with it ({@code DATE '2024-01-01'}).
   */
  private void stringValue() {
    if (lastToken == T_STRING) {
      pendingSpace = false;
      return;
    }
    if (lastWordIsType && (lastToken == T_NAME || lastToken == T_KEYWORD)) {
      out.setLength(lastWordStart);
      if (depth > 0) {
        frame[depth] = frameBeforeWord;
      }
      pendingSpace = true;
    }
    value();
    lastToken = T_STRING;
  }

  /** {@code $1} is a parameter, {@code $$..$$} and {@code $tag$..$tag$} are strings. */
  private void dollar() {
    if (isDigit(next(1))) {
      pos = SqlLexer.numberEnd(sql, pos + 1);
      value();
      return;
    }
    int end = SqlLexer.dollarQuoteEnd(sql, pos);
    if (end >= 0) {
      pos = end;
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
      } else if (first == '(' && (lastWord == WORD_IN || lastWord == WORD_VALUES)) {
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
    lastToken = T_VALUE;
    lastWordIsType = false;
    afterIs = false;
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
    if (lastToken == T_STRING && is(start, wordLength, "UESCAPE")) {
      // U&'..' UESCAPE '!' is one literal: drop the clause with its escape character.
      int quote = SqlLexer.skipSpaces(sql, pos);
      if (quote < length && sql.charAt(quote) == '\'') {
        pos = SqlLexer.quotedEnd(sql, quote, '\'', false);
      }
      pendingSpace = false;
      return;
    }
    if ((is(start, wordLength, "TRUE") || is(start, wordLength, "FALSE")
        || (is(start, wordLength, "NULL") && isDataStatement())) && !afterIs) {
      value();
      return;
    }
    boolean keyword = isKeyword(start, wordLength);
    boolean wasIs = afterIs;
    leaveValuesUnless('w');
    frameBeforeWord = top();
    lastWordStart = out.length();
    separate('w');
    for (int i = start; i < pos; i++) {
      char c = sql.charAt(i);
      // ASCII only, as PostgreSQL folds unquoted names
      if (keyword && c >= 'a' && c <= 'z') {
        c = (char) (c - 32);
      } else if (!keyword && c >= 'A' && c <= 'Z') {
        c = (char) (c + 32);
      }
      out.append(c);
    }
    markMixed();
    classify(start, wordLength);
    afterIs = is(start, wordLength, "IS") || (wasIs && is(start, wordLength, "NOT"));
    lastWordIsType = isIn(LITERAL_TYPES, start, wordLength);
    lastToken = keyword ? (is(start, wordLength, "END") ? T_OPERAND_END : T_KEYWORD) : T_NAME;
  }

  private boolean isDataStatement() {
    return kind == QueryKind.SELECT || kind == QueryKind.INSERT || kind == QueryKind.UPDATE
        || kind == QueryKind.DELETE || awaitingMainStatement;
  }

  private boolean isKeyword(int start, int wordLength) {
    return isIn(KEYWORDS, start, wordLength);
  }

  // Fingerprints are computed once per distinct SQL string, so a substring here is no per-statement cost.
  private boolean isIn(Set<String> words, int start, int wordLength) {
    return wordLength <= 12
        && words.contains(sql.substring(start, start + wordLength).toUpperCase(Locale.ROOT));
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
    } else if (is(start, wordLength, "CAST")) {
      lastWord = WORD_CAST;
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
    pos = SqlLexer.quotedEnd(sql, pos, quote, false);
    leaveValuesUnless('w');
    separate('"');
    out.append(sql, start, pos);
    markMixed();
    lastWord = WORD_OTHER;
    lastToken = T_OPERAND_END;
    lastWordIsType = false;
    afterIs = false;
  }

  private void symbol(char c) {
    leaveValuesUnless(c);
    separate(c);
    out.append(c);
    markMixed();
    lastWord = WORD_OTHER;
    lastToken = c == ']' || c == ')' ? T_OPERAND_END : T_OPERATOR;
    lastWordIsType = false;
    afterIs = false;
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
    lastToken = T_OPERATOR;
    lastWordIsType = false;
    afterIs = false;
  }

  private void open() {
    leaveValuesUnless('(');
    separate('(');
    byte kindOfGroup = PLAIN;
    if (lastWord == WORD_IN) {
      kindOfGroup = IN_EMPTY;
    } else if (lastWord == WORD_CAST) {
      kindOfGroup = CAST_GROUP;
    } else if (valuesDepth == depth) {
      kindOfGroup = VALUES_ROW;
    }
    int castStart = lastWordStart;
    byte castParentFrame = frameBeforeWord;
    markMixed();
    push(kindOfGroup);
    castAt[depth] = castStart;
    castFrameBefore[depth] = castParentFrame;
    out.append('(');
    lastWord = WORD_OTHER;
    lastToken = T_OPERATOR;
    lastWordIsType = false;
    afterIs = false;
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
    } else if (group == CAST_GROUP && castsAValue(start)) {
      // CAST('5' AS int) is the literal, as '5'::int is.
      out.setLength(castAt[depth + 1]);
      if (depth > 0) {
        frame[depth] = castFrameBefore[depth + 1];
      }
      pendingSpace = true;
      value();
      if (valuesDepth > depth) {
        valuesDepth = -1;
      }
      return;
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
    lastToken = T_OPERAND_END;
    lastWordIsType = false;
    afterIs = false;
  }

  /** Whether the CAST group opened at {@code open} reads {@code (? AS <type>)}. */
  private boolean castsAValue(int open) {
    String prefix = "(? AS ";
    return out.length() - open > prefix.length() && outMatches(open, prefix);
  }

  private boolean outMatches(int at, String text) {
    for (int i = 0; i < text.length(); i++) {
      if (out.charAt(at + i) != text.charAt(i)) {
        return false;
      }
    }
    return true;
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
    if (depth >= castAt.length) {
      castAt = Arrays.copyOf(castAt, frame.length);
      castFrameBefore = Arrays.copyOf(castFrameBefore, frame.length);
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
