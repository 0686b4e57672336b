package dev.hotpath.pool;

import dev.hotpath.core.Check;
import java.util.List;

/**
 * A PostgreSQL plan from {@link PostgresExplain}, with its sequential scans picked out.
 *
 * @param lines the plan as PostgreSQL printed it, one line per element
 * @param seqScans every sequential scan in the plan, in plan order
 */
public record QueryPlan(List<String> lines, List<SeqScan> seqScans) {

  /**
   * A sequential scan of one table.
   *
   * @param table the table as the plan names it
   * @param tableRows the table's row count estimate from {@code pg_class.reltuples}, or -1 when
   *     the table has never been analysed
   */
  public record SeqScan(String table, long tableRows) {
    /**
     * Validates the table name.
     *
     * @param table the table as the plan names it
     * @param tableRows the table's row count estimate from {@code pg_class.reltuples}, or -1 when
     *     the table has never been analysed
     * @throws NullPointerException if {@code table} is null
     */
    public SeqScan {
      Check.notNull(table, "table");
    }
  }

  /**
   * Copies the components.
   *
   * @param lines the plan as PostgreSQL printed it, one line per element
   * @param seqScans every sequential scan in the plan, in plan order
   * @throws NullPointerException if a component is null
   */
  public QueryPlan {
    lines = List.copyOf(lines);
    seqScans = List.copyOf(seqScans);
  }

  /**
   * Returns the sequential scans of tables with at least {@code minTableRows} rows: the ones worth
   * an index.
   *
   * @param minTableRows the smallest table that counts as large
   * @return the scans of large tables
   */
  public List<SeqScan> seqScansOfTablesWithAtLeast(long minTableRows) {
    return seqScans.stream().filter(scan -> scan.tableRows() >= minTableRows).toList();
  }

  /**
   * Returns the plan text.
   *
   * @return the lines joined with newlines
   */
  public String text() {
    return String.join("\n", lines);
  }
}
