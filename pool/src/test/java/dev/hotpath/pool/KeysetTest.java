package dev.hotpath.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeysetTest {

  private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  private static Keyset keyset(byte[] secret, String... order) {
    return Keyset.builder().allowedColumns("created", "id", "p.score").orderBy(order).secret(secret)
        .build();
  }

  @Test
  void firstPageHasNoPredicate() {
    KeysetPage page = keyset(SECRET, "created", "id").page(null, 20);
    assertThat(page.sql("SELECT * FROM photo")).isEqualTo("SELECT * FROM photo ORDER BY created, id LIMIT ?");
    assertThat(page.parameters()).isEmpty();
    assertThat(keyset(SECRET, "id").page("", 5).predicate()).isEmpty();
  }

  @Test
  void nextPageSeeksPastTheCursorRow() {
    Keyset keyset = keyset(SECRET, "created", "id");
    Timestamp created = Timestamp.from(Instant.parse("2026-11-23T10:00:00.123456Z"));
    KeysetPage page = keyset.page(keyset.cursorAfter(created, 42L), 20);
    assertThat(page.sql("SELECT * FROM photo"))
        .isEqualTo("SELECT * FROM photo WHERE (created, id) > (?, ?) ORDER BY created, id LIMIT ?");
    assertThat(page.parameters()).containsExactly(created, 42L);
  }

  @Test
  void descendingSeeksBelow() {
    Keyset keyset = Keyset.builder().allowedColumns("p.score", "id").orderBy("p.score", "id")
        .descending().secret(SECRET).build();
    KeysetPage page = keyset.page(keyset.cursorAfter(10, 7), 5);
    assertThat(page.predicate()).isEqualTo("(p.score, id) < (?, ?)");
    assertThat(page.orderBy()).isEqualTo("p.score DESC, id DESC");
  }

  @Test
  void everySupportedValueTypeRoundTrips() {
    Keyset keyset = Keyset.builder().allowedColumns("a", "b", "c", "d", "e")
        .orderBy("a", "b", "c", "d", "e").secret(SECRET).build();
    UUID uuid = UUID.randomUUID();
    String cursor = keyset.cursorAfter("naïve ✓", new BigDecimal("12.50"), 2.5, uuid,
        Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(cursor).matches("[A-Za-z0-9_.-]+");
    assertThat(keyset.page(cursor, 1).parameters()).containsExactly("naïve ✓",
        new BigDecimal("12.50"), 2.5, uuid, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @Test
  void alteredCursorsAreRejected() {
    Keyset keyset = keyset(SECRET, "created", "id");
    String cursor = keyset.cursorAfter(Timestamp.from(Instant.EPOCH), 1L);
    byte[] payload = Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.')));
    payload[payload.length - 1] ^= 1; // id 1 -> 0
    String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
        + cursor.substring(cursor.indexOf('.'));
    assertThatThrownBy(() -> keyset.page(altered, 10))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageStartingWith("cursor signature does not match");
  }

  @Test
  void forgedCursorsAreRejected() {
    Keyset keyset = keyset(SECRET, "id");
    byte[] otherSecret = SECRET.clone();
    otherSecret[0] ^= 1;
    String forged = keyset(otherSecret, "id").cursorAfter(999L);
    assertThatThrownBy(() -> keyset.page(forged, 10))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessageContaining("signed with another secret");
  }

  @Test
  void cursorsOfOtherColumnsAreRejected() {
    String forCreated = keyset(SECRET, "created").cursorAfter(1L);
    assertThatThrownBy(() -> keyset(SECRET, "id").page(forCreated, 10))
        .isInstanceOf(InvalidCursorException.class);
  }

  @Test
  void malformedCursorsAreRejectedWithAClearMessage() {
    Keyset keyset = keyset(SECRET, "id");
    assertThatThrownBy(() -> keyset.page("garbage", 10))
        .isInstanceOf(InvalidCursorException.class)
        .hasMessage("cursor is malformed: expected payload.signature");
    assertThatThrownBy(() -> keyset.page("a.b.c", 10)).isInstanceOf(InvalidCursorException.class);
    assertThatThrownBy(() -> keyset.page("!!.??", 10))
        .hasMessage("cursor is malformed: not base64url");
    assertThatThrownBy(() -> keyset.page("x".repeat(5000), 10))
        .hasMessage("cursor must be at most 4096 characters, was 5000");
    assertThatThrownBy(() -> keyset.page("AQ.AQ", 10))
        .hasMessageStartingWith("cursor signature does not match");
  }

  @Test
  void pageSizeIsBounded() {
    Keyset keyset = Keyset.builder().allowedColumns("id").orderBy("id").secret(SECRET)
        .maxPageSize(50).build();
    assertThatThrownBy(() -> keyset.page(null, 0))
        .hasMessage("pageSize must be between 1 and 50, was 0");
    assertThatThrownBy(() -> keyset.page(null, 51))
        .hasMessage("pageSize must be between 1 and 50, was 51");
    assertThat(keyset.page(null, 50).pageSize()).isEqualTo(50);
  }

  @Test
  void columnsMustBeAllowedPlainIdentifiers() {
    assertThatThrownBy(() -> Keyset.builder().allowedColumns("id; DROP TABLE photo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("column name must be a plain identifier, was 'id; DROP TABLE photo'");
    assertThatThrownBy(() -> Keyset.builder().allowedColumns("id").orderBy("title"))
        .hasMessage("column 'title' is not in the allow-list [id]");
    assertThatThrownBy(() -> Keyset.builder().allowedColumns("id").orderBy("id", "id"))
        .hasMessage("column 'id' is in orderBy twice");
    assertThatThrownBy(() -> Keyset.builder().allowedColumns("id").orderBy())
        .hasMessage("orderBy needs at least one column");
  }

  @Test
  void builderRejectsWeakSecretsAndMissingParts() {
    assertThatThrownBy(() -> Keyset.builder().secret(new byte[8]))
        .hasMessage("secret must be at least 32 bytes, was 8");
    assertThatThrownBy(() -> Keyset.builder().maxPageSize(0))
        .hasMessage("maxPageSize must be between 1 and 10000, was 0");
    assertThatThrownBy(() -> Keyset.builder().secret(SECRET).build())
        .hasMessage("set orderBy(columns) before build()");
    assertThatThrownBy(() -> Keyset.builder().allowedColumns("id").orderBy("id").build())
        .hasMessage("set secret(key) before build()");
  }

  @Test
  void cursorValuesMustBeSupportedAndComplete() {
    Keyset keyset = keyset(SECRET, "created", "id");
    assertThatThrownBy(() -> keyset.cursorAfter(1L))
        .hasMessage("cursorAfter needs 2 values ([created, id]), was 1");
    assertThatThrownBy(() -> keyset.cursorAfter(null, 1L))
        .hasMessageEndingWith("was null");
    assertThatThrownBy(() -> keyset.cursorAfter(new Object(), 1L))
        .hasMessageEndingWith("was java.lang.Object");
  }
}
