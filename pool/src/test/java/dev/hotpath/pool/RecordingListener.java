package dev.hotpath.pool;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event and N+1 report a data source sends, for tests to assert on. */
public final class RecordingListener implements QueryListener {

  /** The events, in the order they came. */
  public final List<QueryEvent> events = new CopyOnWriteArrayList<>();

  /** The N+1 reports, in the order they came. */
  public final List<NPlusOneReport> reports = new CopyOnWriteArrayList<>();

  @Override
  public void onQuery(QueryEvent event) {
    events.add(event);
  }

  @Override
  public void onNPlusOne(NPlusOneReport report) {
    reports.add(report);
  }
}
