package dev.hotpath.pool;

import dev.hotpath.core.Check;
import dev.hotpath.pool.internal.CursorCodec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keyset ("seek") pagination: each page continues after the last row of the previous one,
 * {@code WHERE (a, b) > (?, ?) ORDER BY a, b LIMIT ?}, so pages cost the same at any depth and
 * stay stable while rows are inserted.
 *
 * <pre>{@code
 * Keyset keyset = Keyset.builder()
 *     .allowedColumns("created", "id", "title")
 *     .orderBy("created", "id")
 *     .secret(secretBytes)
 *     .build();
 * KeysetPage page = keyset.page(request.cursor(), 20);
 * try (PreparedStatement ps = c.prepareStatement(page.sql("SELECT id, created, title FROM photo"))) {
 *   page.bind(ps, 1);
 *   ... read rows; on the last one: String next = keyset.cursorAfter(rs);
 * }
 * }</pre>
 *
 * <p>Column names come only from the builder and are checked against the allow-list and a plain
 * identifier rule, so no request input ever reaches the SQL text. Cursors are opaque: the order
 * columns' values, signed with HMAC-SHA256 under the builder's secret; a cursor that was altered,
 * forged, signed with another secret, or made for other columns is rejected with an
 * {@link InvalidCursorException} before its content is read. Cursor values may be Integer, Long,
 * Short, String, BigDecimal, Double, UUID, Timestamp, Instant, LocalDateTime or OffsetDateTime;
 * a cursor is signed, not encrypted, so its values are readable by whoever holds it.
 * The order columns must be non-null and together unique. Immutable and thread-safe.
 */
public final class Keyset {

  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  private final List<String> orderColumns;
  private final boolean descending;
  private final int maxPageSize;
  private final CursorCodec codec;
  private final String predicate;
  private final String orderBy;

  private Keyset(Builder builder) {
    this.orderColumns = List.copyOf(builder.orderColumns);
    this.descending = builder.descending;
    this.maxPageSize = builder.maxPageSize;
    String columns = String.join(", ", orderColumns);
    String placeholders = String.join(", ", java.util.Collections.nCopies(orderColumns.size(), "?"));
    this.predicate = "(" + columns + ") " + (descending ? "<" : ">") + " (" + placeholders + ")";
    this.orderBy = descending ? String.join(" DESC, ", orderColumns) + " DESC" : columns;
    this.codec = new CursorCodec(builder.secret, columns + (descending ? " desc" : " asc"));
  }

  /**
   * Starts a builder.
   *
   * @return a builder: ascending, at most 100 rows per page
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the order columns.
   *
   * @return the columns, in order
   */
  public List<String> orderColumns() {
    return orderColumns;
  }

  /**
   * Builds a page request.
   *
   * @param cursor the cursor from the previous page, or null or empty for the first page
   * @param pageSize rows per page, from 1 to the maximum page size
   * @return the SQL pieces and parameters
   * @throws IllegalArgumentException if {@code pageSize} is out of bounds
   * @throws InvalidCursorException if the cursor is not one this keyset signed
   */
  public KeysetPage page(String cursor, int pageSize) {
    if (pageSize < 1 || pageSize > maxPageSize) {
      throw new IllegalArgumentException(
          "pageSize must be between 1 and " + maxPageSize + ", was " + pageSize);
    }
    if (cursor == null || cursor.isEmpty()) {
      return new KeysetPage("", orderBy, List.of(), pageSize);
    }
    List<Object> values = codec.decode(cursor);
    if (values.size() != orderColumns.size()) {
      throw new InvalidCursorException("cursor holds " + values.size() + " values, expected "
          + orderColumns.size());
    }
    return new KeysetPage(predicate, orderBy, values, pageSize);
  }

  /**
   * Makes the cursor that continues after a row.
   *
   * @param orderValues the row's values of the order columns, in order
   * @return an opaque, URL-safe cursor
   * @throws IllegalArgumentException if the number of values differs from the order columns, or
   *     a value is null or of an unsupported type
   */
  public String cursorAfter(Object... orderValues) {
    if (orderValues.length != orderColumns.size()) {
      throw new IllegalArgumentException("cursorAfter needs " + orderColumns.size()
          + " values (" + orderColumns + "), was " + orderValues.length);
    }
    return codec.encode(Arrays.asList(orderValues));
  }

  /**
   * Makes the cursor that continues after the result set's current row, reading the order
   * columns by label (the part after the dot of a qualified column).
   *
   * @param row a result set positioned on the last row of a page
   * @return an opaque, URL-safe cursor
   * @throws SQLException if a column cannot be read
   * @throws IllegalArgumentException if a value is null or of an unsupported type
   */
  public String cursorAfter(ResultSet row) throws SQLException {
    List<Object> values = new ArrayList<>(orderColumns.size());
    for (String column : orderColumns) {
      values.add(row.getObject(column.substring(column.indexOf('.') + 1)));
    }
    return codec.encode(values);
  }

  /** Configures a {@link Keyset}; each setter validates its argument at once. */
  public static final class Builder {

    private final Set<String> allowed = new LinkedHashSet<>();
    private List<String> orderColumns;
    private boolean descending;
    private byte[] secret;
    private int maxPageSize = 100;

    private Builder() {}

    /**
     * Sets the columns that may be ordered by.
     *
     * @param columns plain or table-qualified identifiers
     * @return this builder
     * @throws IllegalArgumentException if a name is not a plain identifier
     */
    public Builder allowedColumns(String... columns) {
      for (String column : columns) {
        allowed.add(identifier(column));
      }
      return this;
    }

    /**
     * Sets the order columns: together unique and non-null, for example {@code created, id}.
     *
     * @param columns columns from the allow-list, set before
     * @return this builder
     * @throws IllegalArgumentException if there are none, one repeats, or one is not allowed
     */
    public Builder orderBy(String... columns) {
      Check.argument(columns.length > 0, "orderBy needs at least one column");
      List<String> chosen = new ArrayList<>();
      for (String column : columns) {
        String name = identifier(column);
        Check.argument(allowed.contains(name), "column '%s' is not in the allow-list %s", name,
            allowed);
        Check.argument(!chosen.contains(name), "column '%s' is in orderBy twice", name);
        chosen.add(name);
      }
      this.orderColumns = chosen;
      return this;
    }

    /**
     * Pages from the highest keys down: {@code (a, b) < (?, ?) ORDER BY a DESC, b DESC}.
     *
     * @return this builder
     */
    public Builder descending() {
      this.descending = true;
      return this;
    }

    /**
     * Sets the HMAC-SHA256 key cursors are signed with; every node serving the same pages needs
     * the same secret.
     *
     * @param key at least 32 bytes, copied
     * @return this builder
     * @throws IllegalArgumentException if it is shorter than 32 bytes
     */
    public Builder secret(byte[] key) {
      Check.notNull(key, "secret");
      Check.argument(key.length >= 32, "secret must be at least 32 bytes, was %d", key.length);
      this.secret = key.clone();
      return this;
    }

    /**
     * Sets the largest page a request may ask for.
     *
     * @param max from 1 to 10000
     * @return this builder
     * @throws IllegalArgumentException if it is out of bounds
     */
    public Builder maxPageSize(int max) {
      Check.argument(max >= 1 && max <= 10_000, "maxPageSize must be between 1 and 10000, was %d",
          max);
      this.maxPageSize = max;
      return this;
    }

    private static String identifier(String column) {
      Check.notNull(column, "column");
      Check.argument(IDENTIFIER.matcher(column).matches(),
          "column name must be a plain identifier, was '%s'", column);
      return column;
    }

    /**
     * Builds the keyset.
     *
     * @return the keyset
     * @throws IllegalStateException if the order columns or the secret were not set
     */
    public Keyset build() {
      Check.state(orderColumns != null, "set orderBy(columns) before build()");
      Check.state(secret != null, "set secret(key) before build()");
      return new Keyset(this);
    }
  }
}
