package dev.hotpath.examples.gallery;

import dev.hotpath.pool.NPlusOneReport;
import dev.hotpath.pool.QueryEvent;
import dev.hotpath.pool.QueryListener;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Listens to the data source and keeps the last N+1 reports. (Each request's statement count and
 * time reach its {@code Server-Timing} header without help: the pool adds a {@code db} entry.)
 */
public final class QueryWatch implements QueryListener {

  private static final int REPORTS_KEPT = 20;

  private final Deque<NPlusOneReport> reports = new ConcurrentLinkedDeque<>();

  /** Creates a watch with no reports yet. */
  public QueryWatch() {}

  @Override
  public void onQuery(QueryEvent event) {
    // Statements need nothing here: see the class comment.
  }

  @Override
  public void onNPlusOne(NPlusOneReport report) {
    reports.addLast(report);
    while (reports.size() > REPORTS_KEPT) {
      reports.pollFirst();
    }
  }

  /**
   * Returns the most recent N+1 reports, oldest first.
   *
   * @return up to the last 20 reports
   */
  public List<NPlusOneReport> nPlusOneReports() {
    return new ArrayList<>(reports);
  }
}
