package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlFingerprintTest {

  private static String fp(String sql) {
    return SqlFingerprint.of(sql).text();
  }

  @Test
  void singleQuotedLiteralsWithDoubledQuotesBecomeOnePlaceholder() {
    assertThat(fp("SELECT * FROM t WHERE name = 'O''Brien' AND x = 'a'"))
        .isEqualTo("SELECT * FROM t WHERE name = ? AND x = ?");
  }

  @Test
  void escapeStringsHonourBackslashes() {
    assertThat(fp("SELECT E'it\\'s', e'a\\\\' , 1")).isEqualTo("SELECT ?, ?, ?");
  }

  @Test
  void backslashIsNotAnEscapeInStandardStrings() {
    // 'C:\' ends at the second quote under standard_conforming_strings.
    assertThat(fp("SELECT 'C:\\' FROM t WHERE a = 'x'")).isEqualTo("SELECT ? FROM t WHERE a = ?");
  }

  @Test
  void prefixedStringsAreLiterals() {
    assertThat(fp("SELECT N'x', X'ff', B'101', U&'d\\0061t'")).isEqualTo("SELECT ?, ?, ?, ?");
  }

  @Test
  void singleLetterIdentifiersBeforeOtherTokensStayWords() {
    assertThat(fp("SELECT e.id, x FROM emp e")).isEqualTo("SELECT e.id, x FROM emp e");
  }

  @Test
  void dollarQuotedStringsBecomeOnePlaceholder() {
    assertThat(fp("SELECT $$it's -- not a comment$$, $fn$ body $$ inner $$ $fn$ FROM t"))
        .isEqualTo("SELECT ?, ? FROM t");
  }

  @Test
  void dollarSignsInsideIdentifiersAreNotQuotes() {
    assertThat(fp("SELECT a$b$c FROM t$1 WHERE x = $1")).isEqualTo("SELECT a$b$c FROM t$1 WHERE x = ?");
  }

  @Test
  void positionalParametersBecomePlaceholders() {
    assertThat(fp("SELECT * FROM t WHERE a = $1 AND b = $12")).isEqualTo("SELECT * FROM t WHERE a = ? AND b = ?");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT 42 | SELECT ?",
      "SELECT 3.14, .5, 1e10, 2.5E-3, 0xFF, 1_000 | SELECT ?, ?, ?, ?, ?, ?",
      "SELECT -1 | SELECT ?",
      "SELECT a - 1, a -1, (-1), x = - 2.5 FROM t | SELECT a - ?, a -?, (?), x = ? FROM t",
      "SELECT 0b101, 0o17, 0B1_0 | SELECT ?, ?, ?",
      "SELECT col1, t2.c3 FROM t2 | SELECT col1, t2.c3 FROM t2",
      "SELECT a+1 FROM t | SELECT a+? FROM t"
  })
  void numbersBecomePlaceholdersButIdentifierDigitsStay(String sql, String expected) {
    assertThat(fp(sql)).isEqualTo(expected);
  }

  @Test
  void inListsOfAnyLengthFoldToOneShape() {
    String one = fp("SELECT * FROM t WHERE id IN (1)");
    String three = fp("SELECT * FROM t WHERE id IN (?, ?, ?)");
    String mixed = fp("select * from t where id in ( 'a' ,2,$3 )");
    assertThat(one).isEqualTo("SELECT * FROM t WHERE id IN (?+)");
    assertThat(three).isEqualTo(one);
    assertThat(mixed).as("keywords upper, names lower, as PostgreSQL folds them")
        .isEqualTo("SELECT * FROM t WHERE id IN (?+)");
    assertThat(fp("SELECT * FROM t WHERE id IN(1,2)")).isEqualTo("SELECT * FROM t WHERE id IN (?+)");
    assertThat(fp("SELECT * FROM t WHERE id NOT IN (1, 2)"))
        .isEqualTo("SELECT * FROM t WHERE id NOT IN (?+)");
  }

  @Test
  void inListsWithExpressionsOrSubqueriesStayAsWritten() {
    assertThat(fp("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (1, 2))"))
        .isEqualTo("SELECT * FROM t WHERE id IN (SELECT id FROM u WHERE k IN (?+))");
    assertThat(fp("SELECT * FROM t WHERE id IN (1, lower(x))"))
        .isEqualTo("SELECT * FROM t WHERE id IN (?, lower(x))");
    assertThat(fp("SELECT * FROM t WHERE id IN ()")).isEqualTo("SELECT * FROM t WHERE id IN ()");
  }

  @Test
  void functionArgumentsAreNotFolded() {
    assertThat(fp("SELECT coalesce(1, 2) FROM t")).isEqualTo("SELECT coalesce(?, ?) FROM t");
  }

  @Test
  void multiRowValuesFoldIntoTheFirstRow() {
    String single = fp("INSERT INTO t (a, b) VALUES (1, 'x')");
    String many = fp("INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y'),(3,'z')");
    assertThat(single).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)+");
    assertThat(many).isEqualTo(single);
  }

  @Test
  void valuesRowsOfAnotherShapeAreKept() {
    assertThat(fp("INSERT INTO t VALUES (1, 2), (3, DEFAULT), (4, 5)"))
        .isEqualTo("INSERT INTO t VALUES (?, ?)+, (?, DEFAULT), (?, ?)");
  }

  @Test
  void valuesListEndsAtTheNextClause() {
    assertThat(fp("INSERT INTO t VALUES (1), (2) ON CONFLICT (a) DO NOTHING"))
        .isEqualTo("INSERT INTO t VALUES (?)+ ON CONFLICT (a) DO NOTHING");
    assertThat(fp("SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v (id, name)"))
        .isEqualTo("SELECT * FROM (VALUES (?, ?)+) AS v (id, name)");
  }

  @Test
  void commentsAreStripped() {
    assertThat(fp("SELECT /* hint */ a -- trailing\nFROM t /* outer /* nested */ still */ WHERE x = 1"))
        .isEqualTo("SELECT a FROM t WHERE x = ?");
  }

  @Test
  void commentMarkersInsideStringsAreData() {
    assertThat(fp("SELECT '--', '/*' FROM t")).isEqualTo("SELECT ?, ? FROM t");
  }

  @Test
  void whitespaceIsFoldedAndTrailingSemicolonDropped() {
    assertThat(fp("  SELECT\n\ta ,  b\r\nFROM   t ;  ")).isEqualTo("SELECT a, b FROM t");
    assertThat(fp("SELECT count( * ) FROM t")).isEqualTo(fp("SELECT count(*) FROM t"));
  }

  @Test
  void quotedIdentifiersAreKeptVerbatim() {
    assertThat(fp("SELECT \"Na\"\"me\", `k 1` FROM \"T 1\" WHERE \"x\" = 'v'"))
        .isEqualTo("SELECT \"Na\"\"me\", `k 1` FROM \"T 1\" WHERE \"x\" = ?");
  }

  @Test
  void castsOfLiteralsAreTheLiteralAndOperatorsSurvive() {
    assertThat(fp("SELECT '1'::int, a->>'k', c::text FROM t WHERE b <= 2"))
        .isEqualTo("SELECT ?, a->>?, c::text FROM t WHERE b <= ?");
    assertThat(fp("SELECT * FROM t WHERE a = '1'::numeric(10, 2)::text AND b = ?::timestamp with time zone"
        + " AND c = '{1}'::int[] AND d = 'x'::\"My Type\" AND e = 5::double precision"))
        .isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d = ? AND e = ?");
    assertThat(fp("SELECT CAST('5' AS int), CAST(x AS int), cast(? as character varying(20)) FROM t"))
        .isEqualTo("SELECT ?, CAST(x AS int), ? FROM t");
    assertThat(fp("SELECT * FROM t WHERE d = DATE '2024-01-01' AND i > interval '1 day'"
        + " AND id IN (DATE 'a', date 'b')"))
        .isEqualTo("SELECT * FROM t WHERE d = ? AND i > ? AND id IN (?+)");
  }

  @Test
  void keywordAndNameCaseDoNotSplitAShape() {
    assertThat(fp("select Title from PHOTO where OWNER = 'a'"))
        .isEqualTo(fp("SELECT title FROM photo WHERE owner = 'b'"))
        .isEqualTo("SELECT title FROM photo WHERE owner = ?");
  }

  @Test
  void booleansAndNullAreValuesExceptAfterIs() {
    assertThat(fp("SELECT * FROM t WHERE a = true AND b = FALSE AND c = NULL AND d IS NULL"
        + " AND e IS NOT NULL AND f IS TRUE AND g IS NOT FALSE"))
        .isEqualTo("SELECT * FROM t WHERE a = ? AND b = ? AND c = ? AND d IS NULL"
            + " AND e IS NOT NULL AND f IS TRUE AND g IS NOT FALSE");
    assertThat(fp("INSERT INTO t (a, b) VALUES (1, NULL), (2, 'x')")).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)+");
    // In DDL NULL is a constraint, not a value.
    assertThat(fp("CREATE TABLE t (a INT NOT NULL, b INT NULL DEFAULT false)"))
        .isEqualTo("CREATE TABLE t (a int NOT NULL, b int NULL DEFAULT ?)");
  }

  @Test
  void dollarQuotesWithTagsOfAnyLengthAndCharactersAreValues() {
    String longTag = "$" + "t".repeat(300) + "$";
    assertThat(fp("SELECT " + longTag + "secret" + longTag + " FROM t")).isEqualTo("SELECT ? FROM t");
    assertThat(fp("SELECT $😀$secret$😀$, $täg$secret 'x' $$ $täg$, $_1$secret$_1$ FROM t"))
        .isEqualTo("SELECT ?, ?, ? FROM t");
    assertThat(fp("SELECT $1, $$secret$$ FROM t WHERE a = $2")).isEqualTo("SELECT ?, ? FROM t WHERE a = ?");
  }

  @Test
  void stringContinuationsAndUnicodeEscapesAreOneValue() {
    assertThat(fp("SELECT 'secret'\n  'more secret', U&'d!0061t' UESCAPE '!' FROM t"))
        .isEqualTo("SELECT ?, ? FROM t");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "SELECT 1 | SELECT",
      "select 1 | SELECT",
      "(SELECT 1) UNION (SELECT 2) | SELECT",
      "INSERT INTO t VALUES (1) | INSERT",
      "UPDATE t SET a = 1 | UPDATE",
      "DELETE FROM t | DELETE",
      "WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x | SELECT",
      "WITH RECURSIVE r AS (SELECT 1) INSERT INTO t SELECT * FROM r | INSERT",
      "CREATE TABLE t (a int) | OTHER",
      "/* c */ update t set a = 1 | UPDATE",
      "'' | OTHER",
      "CALL p() | OTHER"
  })
  void kindComesFromTheLeadingStatement(String sql, QueryKind kind) {
    assertThat(SqlFingerprint.of(sql).kind()).isEqualTo(kind);
  }

  @Test
  void emptyAndBlankInputGiveAnEmptyFingerprint() {
    assertThat(fp("")).isEmpty();
    assertThat(fp("  \n -- only a comment")).isEmpty();
    assertThat(SqlFingerprint.of("").kind()).isEqualTo(QueryKind.OTHER);
  }

  @Test
  void nullIsRejectedByName() {
    assertThatThrownBy(() -> SqlFingerprint.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sql must not be null");
  }

  @Test
  void unterminatedQuotesAndCommentsRunToTheEnd() {
    assertThat(fp("SELECT 'abc")).isEqualTo("SELECT ?");
    assertThat(fp("SELECT E'abc\\")).isEqualTo("SELECT ?");
    assertThat(fp("SELECT $$abc")).isEqualTo("SELECT ?");
    assertThat(fp("SELECT a /* open")).isEqualTo("SELECT a");
    assertThat(fp("SELECT \"open")).isEqualTo("SELECT \"open");
    assertThat(fp("SELECT * FROM t WHERE id IN (1, 2")).isEqualTo("SELECT * FROM t WHERE id IN (?, ?");
    assertThat(fp("SELECT a) FROM t")).isEqualTo("SELECT a) FROM t");
  }

  @Test
  void equalShapesAreEqualValues() {
    SqlFingerprint a = SqlFingerprint.of("SELECT * FROM t WHERE id = 1");
    SqlFingerprint b = SqlFingerprint.of("SELECT * FROM t WHERE id = 2");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).hasToString("SELECT * FROM t WHERE id = ?");
    assertThat(a).isNotEqualTo(SqlFingerprint.of("SELECT * FROM u WHERE id = 2"));
  }

  @Test
  @Timeout(10)
  void hugeInListFoldsInLinearTime() {
    StringJoiner ids = new StringJoiner(", ", "SELECT * FROM t WHERE id IN (", ")");
    for (int i = 0; i < 500_000; i++) {
      ids.add(Integer.toString(i));
    }
    assertThat(fp(ids.toString())).isEqualTo("SELECT * FROM t WHERE id IN (?+)");
  }

  @Test
  @Timeout(10)
  void hugeValuesListFolds() {
    StringBuilder sql = new StringBuilder("INSERT INTO t (a, b) VALUES ");
    for (int i = 0; i < 200_000; i++) {
      sql.append(i == 0 ? "" : ",").append("(").append(i).append(", 'v").append(i).append("')");
    }
    assertThat(fp(sql.toString())).isEqualTo("INSERT INTO t (a, b) VALUES (?, ?)+");
  }

  @Test
  @Timeout(10)
  void hostileInputsFinishAndStayBounded() {
    String deepParens = "(".repeat(200_000) + "1" + ")".repeat(200_000);
    String quotes = "'".repeat(300_001);
    String dollars = "$a".repeat(200_000);
    String comments = "/*".repeat(200_000);
    String longTag = "$" + "t".repeat(100_000) + "$ x";
    // A long tag and many near-closings: each candidate '$' is compared only up to the next one.
    String nearClosings = "SELECT $" + "t".repeat(50_000) + "$" + ("$" + "t".repeat(49_999)).repeat(20)
        + "$" + "t".repeat(50_000) + "$";
    String casts = "SELECT " + "'1'::".repeat(100_000) + "int";
    String minuses = "SELECT " + "- ".repeat(100_000) + "1";
    String words = "SELECT " + "col, ".repeat(100_000) + "x FROM t";
    for (String sql : new String[] {deepParens, quotes, dollars, comments, longTag, nearClosings,
        casts, minuses, words}) {
      SqlFingerprint fingerprint = SqlFingerprint.of(sql);
      assertThat(fingerprint.text().length()).isLessThanOrEqualTo(SqlFingerprint.MAX_LENGTH);
    }
    assertThat(fp(words)).endsWith("…").hasSize(SqlFingerprint.MAX_LENGTH);
  }

  @Test
  void literalValuesNeverSurviveInTheFingerprint() {
    String secret = "s3cr3t-p@ss";
    String sql = "UPDATE users SET password = '" + secret + "', token = $t$" + secret + "$t$,"
        + " pin = 123456 WHERE email IN ('" + secret + "@x', E'" + secret + "\\'')";
    String text = fp(sql);
    assertThat(text).doesNotContain(secret).doesNotContain("123456")
        .isEqualTo("UPDATE users SET password = ?, token = ?, pin = ? WHERE email IN (?+)");
  }
}
