package dev.hotpath.pool;

import dev.hotpath.core.Check;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL pieces and parameters of one keyset page, from {@link Keyset#page(String, int)}.
 *
 * @param predicate {@code (a, b) > (?, ?)}, or empty for the first page
 * @param orderBy {@code a, b} (or {@code a DESC, b DESC})
 * @param parameters the cursor's values, in column order, for the predicate's placeholders
 * @param pageSize the number of rows to fetch, bound to the {@code LIMIT ?}
 */
public record KeysetPage(String predicate, String orderBy, List<Object> parameters, int pageSize) {

  /**
   * Validates and copies the components.
   *
   * @param predicate {@code (a, b) > (?, ?)}, or empty for the first page
   * @param orderBy {@code a, b} (or {@code a DESC, b DESC})
   * @param parameters the cursor's values, in column order, for the predicate's placeholders
   * @param pageSize the number of rows to fetch, bound to the {@code LIMIT ?}
   * @throws NullPointerException if a component is null
   */
  public KeysetPage {
    Check.notNull(predicate, "predicate");
    Check.notNull(orderBy, "orderBy");
    parameters = List.copyOf(parameters);
  }

  /**
   * Completes a query that has no WHERE clause of its own.
   *
   * @param selectFrom for example {@code SELECT id, created, title FROM photo}
   * @return {@code selectFrom [WHERE predicate] ORDER BY orderBy LIMIT ?}
   */
  public String sql(String selectFrom) {
    return selectFrom + (predicate.isEmpty() ? "" : " WHERE " + predicate) + " ORDER BY " + orderBy
        + " LIMIT ?";
  }

  /**
   * Binds the cursor's values and then the page size.
   *
   * @param statement the statement prepared from {@link #sql(String)} or an equivalent query
   * @param firstIndex the index of the predicate's first placeholder (1 for {@link #sql(String)})
   * @return the index after the {@code LIMIT} placeholder
   * @throws SQLException as the driver throws it
   */
  public int bind(PreparedStatement statement, int firstIndex) throws SQLException {
    int index = firstIndex;
    for (Object value : parameters) {
      statement.setObject(index++, value);
    }
    statement.setInt(index++, pageSize);
    return index;
  }
}
