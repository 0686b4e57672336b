package dev.hotpath.examples.gallery;

import dev.hotpath.core.UnitOfWork;
import dev.hotpath.pool.NPlusOneReport;
import dev.hotpath.pool.QueryEvent;
import dev.hotpath.pool.QueryListener;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Listens to the data source: counts each request's statements on the request's
 * {@link UnitOfWork} (so the response can say how many ran) and keeps the last N+1 reports.
 */
public final class QueryWatch implements QueryListener {

  private static final UnitOfWork.Key<AtomicInteger> STATEMENTS =
      UnitOfWork.Key.of("gallery.statements");
  private static final int REPORTS_KEPT = 20;

  private final Deque<NPlusOneReport> reports = new ConcurrentLinkedDeque<>();

  /** Creates a watch with no reports yet. */
  public QueryWatch() {}

  @Override
  public void onQuery(QueryEvent event) {
    // Called on the thread that ran the statement: inside the request's unit of work.
    UnitOfWork.current()
        .ifPresent(unit -> unit.root().attachment(STATEMENTS, AtomicInteger::new).incrementAndGet());
  }

  @Override
  public void onNPlusOne(NPlusOneReport report) {
    reports.addLast(report);
    while (reports.size() > REPORTS_KEPT) {
      reports.pollFirst();
    }
  }

  /**
   * Returns how many statements the current request has run so far.
   *
   * @return the count, 0 outside a request
   */
  public static int statementsInCurrentRequest() {
    return UnitOfWork.current()
        .flatMap(unit -> unit.root().attachment(STATEMENTS))
        .map(AtomicInteger::get)
        .orElse(0);
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
